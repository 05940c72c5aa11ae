"""Step 4: PAdES signatures on the PDFs, a signed manifest of the result folder, and checking them."""
