# Cases get a random pseudonym instead of a number that counts them (LCO-1, LCO-2, ...).

from typing import Any

from django.db import migrations, models

import inbreng.casework.models


def give_codes(apps: Any, schema_editor: Any) -> None:
    # A callable default on AddField is evaluated once for every existing row: fill each row
    # with its own code before the unique constraint is added.
    case_model = apps.get_model("casework", "CaseConference")
    taken: set[tuple[int, str]] = set()
    for case in case_model.objects.only("pk", "organisation_id").iterator():
        code = inbreng.casework.models.new_code()
        while (case.organisation_id, code) in taken:
            code = inbreng.casework.models.new_code()
        taken.add((case.organisation_id, code))
        case_model.objects.filter(pk=case.pk).update(code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseconference",
            name="code",
            field=models.CharField(
                default="", editable=False, max_length=12, verbose_name="case number"
            ),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="caseconference",
            name="code",
            field=models.CharField(
                default=inbreng.casework.models.new_code,
                editable=False,
                max_length=12,
                verbose_name="case number",
            ),
        ),
        migrations.AddConstraint(
            model_name="caseconference",
            constraint=models.UniqueConstraint(
                fields=("organisation", "code"), name="one_case_code_per_org"
            ),
        ),
    ]
