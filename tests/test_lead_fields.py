"""Which column of an imported file fills which field (domain/lead_fields.py,
docs/import-files.md): the synonym table, --map, extra data, first + last name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.core.errors import BadInputError, ExitCode
from salescli.domain.lead_fields import (
    CUSTOMER_FIELDS,
    LEAD_FIELDS,
    describe_mapping,
    field_for_header,
    guess_mapping,
    normalize_header,
    parse_map_options,
    row_splitter,
    split_row,
)
from salescli.present.messages import sentence
from salescli.terminal.messages import CLI_WORDING

LEAD_HEADERS = {
    "company": ["公司名称", "公司", "客户名称", "单位", "单位名称", "企业名称", "Company", "Company Name",
                "Account Name", "Organization", "Organisation", "Business", "COMPANY_NAME", "公司 名称"],
    "contact": ["联系人", "姓名", "名字", "联系人姓名", "Contact", "Contact Name", "Full Name", "Name",
                "  full-name  "],
    "first_name": ["First Name", "Given Name", "名", "first_name", "FIRSTNAME"],
    "last_name": ["Last Name", "Surname", "Family Name", "姓"],
    "phone": ["手机", "手机号", "手机号码", "电话", "联系电话", "座机", "Phone", "Mobile", "Tel", "Telephone", "Cell",
              "Phone Number", "Mobile Phone Number", "手机(必填)", "Phone 2", "手机号码*"],
    "email": ["邮箱", "电子邮箱", "邮件", "E-mail", "E-Mail", "Email Address", "email", "ＥＭＡＩＬ", "e_mail"],
    "city": ["城市", "所在城市", "地区", "City"],
    "industry": ["行业", "所属行业", "Industry", "Sector"],
    "source": ["来源", "渠道", "线索来源", "Source", "Lead Source", "Channel", "Original Source"],
    "note": ["备注", "说明", "Notes", "Note", "Comments", "Remarks", "Description"],
    "title": ["职位", "职务", "头衔", "Title", "Job Title", "Position"],
    "wechat": ["微信", "微信号", "WeChat", "wechat id"],
    "address": ["地址", "详细地址", "Address", "Street", "Street Address"],
    "website": ["网站", "官网", "Website", "URL", "Web", "Website URL"],
}


@pytest.mark.parametrize(("field", "header"), [(f, h) for f, hs in LEAD_HEADERS.items() for h in hs])
def test_lead_header_synonyms(field: str, header: str) -> None:
    assert field_for_header(header, "lead") == field


@pytest.mark.parametrize("header", ["展位号", "扫描时间", "Badge ID", "State/Region", "Record ID", "", "???"])
def test_headers_that_name_no_field(header: str) -> None:
    assert field_for_header(header) is None


def test_every_field_reads_its_own_name() -> None:
    for field in LEAD_FIELDS:
        assert field_for_header(field, "lead") == field
    for field in CUSTOMER_FIELDS:
        assert field_for_header(field, "customer") == field


def test_customer_files_name_the_company_name_and_keep_notes_and_owner() -> None:
    assert field_for_header("Name", "customer") == "name"
    assert field_for_header("公司名称", "customer") == "name"
    assert field_for_header("Company", "customer") == "name"
    assert field_for_header("备注", "customer") == "notes"
    assert field_for_header("note", "customer") == "notes"
    assert field_for_header("负责人", "customer") == "owner"
    assert field_for_header("客户等级", "customer") == "grade"
    assert field_for_header("标签", "customer") == "tags"
    assert field_for_header("公司规模", "customer") == "size"
    assert field_for_header("联系人", "customer") == "contact"
    # a lead file keeps such columns as extra data
    assert field_for_header("负责人", "lead") is None
    assert field_for_header("Website", "customer") is None


def test_normalize_header_folds_case_width_spaces_and_punctuation() -> None:
    assert normalize_header("E-Mail") == normalize_header("email") == normalize_header("ＥＭＡＩＬ") == "email"
    assert normalize_header("公司 名称") == "公司名称"
    assert normalize_header("COMPANY_NAME") == "companyname"


def test_mapping_uses_synonyms_and_keeps_other_columns_as_extra() -> None:
    header = ["公司名称", "联系人", "手机", "座机", "展位号", "", "扫描时间"]
    mapping = guess_mapping(header, {})
    assert mapping.fields == {0: "company", 1: "contact", 2: "phone"}
    # the second phone column is kept, not dropped; a blank header gets a name
    assert mapping.extra == {3: "座机", 4: "展位号", 5: "column_6", 6: "扫描时间"}
    values, extra = split_row(mapping, ["  华为 ", "李华", "13812345678", "010-88888888", "A12", "", "09:30"])
    assert values == {"company": "华为", "contact": "李华", "phone": "13812345678"}
    assert extra == {"座机": "010-88888888", "展位号": "A12", "扫描时间": "09:30"}
    assert describe_mapping(header, mapping) == [
        ("公司名称", "company"), ("联系人", "contact"), ("手机", "phone"), ("座机", "extra"), ("展位号", "extra"),
        ("column_6", "extra"), ("扫描时间", "extra"),
    ]


def test_short_rows_are_padded_and_long_rows_keep_their_surplus() -> None:
    mapping = guess_mapping(["Company", "Email", "Phone"], {})
    assert split_row(mapping, ["Acme"]) == ({"company": "Acme"}, {})
    assert split_row(mapping, ["Acme", "", "", "", "late cell"]) == ({"company": "Acme"}, {"column_5": "late cell"})


def test_first_and_last_names_are_combined() -> None:
    mapping = guess_mapping(["First Name", "Last Name", "Company"], {})
    assert split_row(mapping, ["Hua", "Li", "Acme"])[0] == {"contact": "Hua Li", "company": "Acme"}
    chinese = guess_mapping(["名", "姓", "公司"], {})
    assert split_row(chinese, ["华", "李", "华为"])[0] == {"contact": "李华", "company": "华为"}
    assert split_row(mapping, ["", "Li", "Acme"])[0]["contact"] == "Li"
    assert "contact" not in split_row(mapping, ["", "", "Acme"])[0]


def test_a_real_contact_column_wins_over_the_name_parts() -> None:
    mapping = guess_mapping(["Contact", "First Name", "Last Name"], {})
    values, extra = split_row(mapping, ["Dr. Hua Li", "Hua", "Li"])
    assert values == {"contact": "Dr. Hua Li"}
    assert extra == {"First Name": "Hua", "Last Name": "Li"}  # kept, not lost
    assert split_row(mapping, ["", "Hua", "Li"]) == ({"contact": "Hua Li"}, {})


def test_map_wins_over_guessing_by_header_or_number() -> None:
    header = ["手机", "Tel", "Notes", "Internal"]
    overrides = parse_map_options(["tel=phone", "3=ignore", "INTERNAL = note"])
    assert overrides == {"tel": "phone", "3": "ignore", "INTERNAL": "note"}
    mapping = guess_mapping(header, overrides)
    assert mapping.fields == {1: "phone", 3: "note"}
    assert mapping.ignored == (2,)
    assert mapping.extra == {0: "手机"}  # guessed phone, but --map gave phone to another column
    values, extra = split_row(mapping, ["138", "010-1", "dropped", "keep me"])
    assert values == {"phone": "010-1", "note": "keep me"}
    assert extra == {"手机": "138"}
    assert ("Notes", "ignore") in describe_mapping(header, mapping)


def test_map_accepts_a_column_number_and_field_synonyms() -> None:
    mapping = guess_mapping(["a", "b", "c"], parse_map_options(["3=phone", "1=公司名称"]))
    assert mapping.fields == {0: "company", 2: "phone"}
    assert mapping.extra == {1: "b"}


def test_map_to_an_unknown_field_is_one_clear_sentence() -> None:
    with pytest.raises(BadInputError) as caught:
        parse_map_options(["Phone=fax_number"])
    error = caught.value
    assert error.code == "import.unknown_field" and error.exit_code == ExitCode.USAGE
    assert error.params["field"] == "fax_number"
    assert "company" in error.params["fields"] and "note" in error.params["fields"]
    words = sentence(error, CLI_WORDING)
    assert "--map" in words and "'fax_number'" in words and "\n" not in words


def test_map_fields_depend_on_the_kind() -> None:
    assert parse_map_options(["A=grade"], kind="customer") == {"A": "grade"}
    assert parse_map_options(["A=company"], kind="customer") == {"A": "name"}
    with pytest.raises(BadInputError) as caught:
        parse_map_options(["A=grade"])
    assert caught.value.code == "import.unknown_field"
    assert "grade" not in caught.value.params["fields"]


@pytest.mark.parametrize("item", ["phone", "=phone", "Phone=", "  =  "])
def test_map_with_bad_syntax_is_refused(item: str) -> None:
    with pytest.raises(BadInputError) as caught:
        parse_map_options([item])
    assert caught.value.code == "import.unknown_field"
    assert "COLUMN=FIELD" in sentence(caught.value, CLI_WORDING)


@pytest.mark.parametrize("column", ["Fax", "7", "0"])
def test_map_to_a_column_the_file_lacks_is_refused(column: str) -> None:
    with pytest.raises(BadInputError) as caught:
        guess_mapping(["Company", "Phone"], parse_map_options([f"{column}=note"]))
    assert caught.value.code == "import.unknown_column"
    words = sentence(caught.value, CLI_WORDING)
    assert repr(column) in words and "Company, Phone" in words


def test_two_columns_mapped_to_one_field_are_refused() -> None:
    with pytest.raises(BadInputError) as caught:
        guess_mapping(["A", "B"], parse_map_options(["A=phone", "B=phone"]))
    assert caught.value.code == "import.field_twice"
    assert "A, B" in sentence(caught.value)


def test_the_first_column_to_claim_a_field_gets_it() -> None:
    mapping = guess_mapping(["Company", "客户名称", "Mobile", "Phone"], {})
    assert mapping.fields == {0: "company", 2: "phone"}
    assert mapping.extra == {1: "客户名称", 3: "Phone"}


def test_reject_columns_are_ignored_so_a_fixed_reject_file_imports_again() -> None:
    header = ["Company", "Phone", "reject_line", "reject_reason", "Reject Matched"]
    mapping = guess_mapping(header, {})
    assert mapping.ignored == (2, 3, 4)
    assert split_row(mapping, ["Acme", "138", "12", "no contact", "#3"]) == ({"company": "Acme", "phone": "138"}, {})


def test_repeated_headers_do_not_overwrite_each_others_extra_values() -> None:
    mapping = guess_mapping(["Company", "Tag", "Tag", ""], {})
    values, extra = split_row(mapping, ["Acme", "vip", "expo", "x"])
    assert extra == {"Tag": "vip", "Tag_3": "expo", "column_4": "x"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", " ", "Acme", " 李华 ", "a@x.cn", "x,y"]), max_size=9), max_size=10))
def test_the_import_row_splitter_gives_what_split_row_gives(rows: list[list[str]]) -> None:
    """The import splits rows with a plan made once per file (`row_splitter`); it must give
    exactly what split_row gives."""
    header = ["Company", "Contact", "Booth", "reject_line", "Phone", "", "Stand No"]
    header_map = guess_mapping(header, {"Booth": "ignore"})
    split = row_splitter(header_map)
    for cells in rows:
        assert split(cells) == split_row(header_map, cells)
