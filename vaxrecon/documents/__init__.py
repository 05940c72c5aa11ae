"""What `verify` writes: results.csv, summary.json and the workbooks people use."""
