def test_add_and_list(cli):
    cli.ok("customer", "add", "华为技术有限公司", "--city", "深圳", "--grade", "A")
    rows = cli.ok("customer", "list", "--json").json()
    assert [r["name"] for r in rows] == ["华为技术有限公司"]
    run = cli("customer", "add", "华为技术")
    assert run.exit_code == 1
    assert "duplicates customer" in run.stderr
