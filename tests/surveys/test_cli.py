"""`portal skm` commands."""

from click.testing import CliRunner

from portal.cli import main


def test_sample_command_prints_the_krejcie_morgan_size() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["skm", "sampel", "1000"]).output.strip() == "278"
    refused = runner.invoke(main, ["skm", "sampel", "0"])
    assert refused.exit_code != 0
