"""`duplicate_of` names the first row of the same person unambiguously, even when two lists of a run
share a file name, and the station reads it as a plain sheet and row."""

import openpyxl
import pytest
from conftest import TODAY

from vaxrecon.documents.write import write_outputs
from vaxrecon.matchers.cluster import list_labels
from vaxrecon.pipeline import verify


@pytest.mark.parametrize(
    ("paths", "labels"),
    [
        (["ds.xlsx", "dir/other.xlsx"], ["ds.xlsx", "other.xlsx"]),
        (["xa_a/ds.xlsx", "xa_b/ds.xlsx"], ["xa_a/ds.xlsx", "xa_b/ds.xlsx"]),
        (["ds.xlsx", "sub/ds.xlsx", "x.csv"], ["ds.xlsx", "sub/ds.xlsx", "x.csv"]),
        (["/in/1/y/ds.xlsx", "/in/2/y/ds.xlsx"], ["1/y/ds.xlsx", "2/y/ds.xlsx"]),
    ],
)
def test_a_list_is_named_by_its_file_name_unless_another_list_shares_it(paths, labels):
    assert list_labels(paths) == labels


def test_the_same_list_from_two_folders_points_at_the_first_folder(tmp_path, cfg, world):
    src = next((world / "lists").glob("*form.xlsx"))
    for sub in ("xa_a", "xa_b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "DS.xlsx").write_bytes(src.read_bytes())
    alone = verify([src], world / "population.csv", cfg, TODAY).results
    both = verify(
        [tmp_path / "xa_a" / "DS.xlsx", tmp_path / "xa_b" / "DS.xlsx"], world / "population.csv", cfg, TODAY
    )
    first, second = both.rows_by_list()
    own = alone["duplicate_of"] != ""
    # Within the first list, a repeat points at its own earlier row, named by the folder-qualified file.
    assert (first["duplicate_of"][own.to_numpy()].str.startswith("xa_a/DS.xlsx|")).all()
    assert (first["duplicate_of"][~own.to_numpy()] == "").all()
    # Every identified person of the second list is a repeat of the first list's row, never of its own.
    linked = second["person_id"] != ""
    assert linked.sum() > 100
    assert second.loc[linked, "duplicate_of"].str.startswith("xa_a/DS.xlsx|").all()
    assert not second["duplicate_of"].str.startswith("xa_b/").any()
    row = second[linked].iloc[0]
    _, sheet, number = row["duplicate_of"].split("|")
    write_outputs(both, tmp_path / "out", "vi")
    corrections = openpyxl.load_workbook(tmp_path / "out" / "02_DS" / "corrections.xlsx")
    cells = {str(c.value) for ws in corrections.worksheets for r in ws.iter_rows() for c in r if c.value}
    assert any(f"Tệp xa_a/DS.xlsx, sheet {sheet}, dòng {number}" in c for c in cells)
