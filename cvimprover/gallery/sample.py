"""A fictional CV that shows off every template in the gallery and the docs."""

from cvimprover.cv.document import Contact, CVDocument, Entry, Link, Section


def sample_cv() -> CVDocument:
    return CVDocument(
        contact=Contact(
            name="Zoë Ødegård",
            email="zoe.odegard@example.com",
            phone="+47 912 34 567",
            location="Oslo, Norway",
            links=[
                Link("LinkedIn", "https://www.linkedin.com/in/zoe-odegard-example"),
                Link("GitHub", "https://github.com/zoe-odegard-example"),
            ],
        ),
        headline="Senior Data Engineer",
        sections=[
            Section(
                "summary",
                "Summary",
                text=(
                    "Data engineer with 7 years building reliable pipelines in Python and SQL "
                    "for fintech and logistics; led a team of 4 through a move to streaming."
                ),
            ),
            Section(
                "experience",
                "Experience",
                entries=[
                    Entry(
                        "Senior Data Engineer",
                        "Nordlys Payments",
                        "2021 – present",
                        "Oslo",
                        [
                            "Cut nightly settlement run from 3 h to 25 min by moving batch jobs "
                            "to Kafka streams and PostgreSQL partitioning",
                            "Led 4 engineers through the platform migration with zero data loss",
                            "Introduced data contracts and CI/CD checks adopted by 6 teams",
                        ],
                    ),
                    Entry(
                        "Data Engineer",
                        "Fjord Logistics",
                        "2018 – 2021",
                        "Bergen",
                        [
                            "Built the Airflow platform that runs 300 daily pipelines",
                            "Reduced warehouse costs by 35% through query and storage tuning",
                        ],
                    ),
                ],
            ),
            Section(
                "education",
                "Education",
                entries=[Entry("MSc Computer Science", "University of Oslo", "2016 – 2018")],
            ),
            Section(
                "skills",
                "Skills",
                items=["Python", "SQL", "PostgreSQL", "Kafka", "Airflow", "AWS", "Terraform"],
            ),
            Section("languages", "Languages", items=["Norwegian (native)", "English (fluent)"]),
        ],
    )
