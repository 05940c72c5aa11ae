"""Files named like workbooks that are something else, as web systems export them: a text (CSV)
file named .xls is read as the CSV it is; a web page (HTML) or an Excel 2003 XML file named .xls,
and a text file named .xlsx, are refused with one sentence saying what the file really is."""

from __future__ import annotations

import pandas as pd
import pytest

from vaxrecon.errors import InputError
from vaxrecon.ingest.lists import read_list
from vaxrecon.ingest.metadata import list_warnings

ROWS = (
    "Họ và tên\tNgày sinh\tSố CCCD\r\n"
    "Nguyễn Văn An\t01/02/1980\t058080000001\r\n"
    "Lê Thị Bình\t1975\t058175000002\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_text_file_named_xls_is_read_as_csv(tmp_path, cfg, encoding):
    path = tmp_path / "export.xls"
    path.write_text(ROWS, encoding)
    read = read_list(path, cfg)
    assert read.records["name"].tolist() == ["Nguyễn Văn An", "Lê Thị Bình"]
    assert read.records["id_number"].tolist() == ["058080000001", "058175000002"]
    warnings = list_warnings(read, pd.DataFrame({"person_id": []}), None, None, "vi", 0.5)
    assert any(w["code"] == "text_as_workbook" for w in warnings)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        (
            "web.xls",
            "<html><body><table><tr><td>Họ và tên</td></tr>"
            "<tr><td>Nguyễn Văn An</td></tr></table></body></html>",
            "trang web (HTML)",
        ),
        ("meta.xls", '<meta charset="utf-8"><table><tr><td>Họ và tên</td></tr></table>', "trang web (HTML)"),
        (
            "xhtml.xls",
            '<?xml version="1.0"?>\n<html xmlns:x="urn:schemas-microsoft-com:office:excel">'
            "<table></table></html>",
            "trang web (HTML)",
        ),
        (
            "xml2003.xls",
            '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="DS">'
            '<Table><Row><Cell><Data ss:Type="String">Họ và tên</Data></Cell></Row></Table></Worksheet>'
            "</Workbook>",
            "XML",
        ),
        ("text.xlsx", ROWS, "tệp văn bản"),
    ],
)
def test_a_disguised_file_is_refused_saying_what_it_is(tmp_path, cfg, name, content, says):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(InputError) as e:
        read_list(path, cfg)
    text = e.value.text("vi")
    assert says in text and name in text and "Nguyễn" not in text
