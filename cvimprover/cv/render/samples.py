"""Sample CVs built in code, for previews, benchmarks and tests (never shown to users)."""

from __future__ import annotations

from ..document import Contact, CVDocument, Entry, Link, Section

_ROLES = [
    ("Staff Software Engineer", "Nordlicht Logistics", "Berlin, Germany"),
    ("Senior Backend Engineer", "Kite & Key Payments", "Remote"),
    ("Backend Engineer", "Ørsted Data Labs", "Copenhagen, Denmark"),
    ("Software Engineer", "Vistula Analytics", "Warsaw, Poland"),
    ("Junior Developer", "Αθηνά Software", "Athens, Greece"),
    ("Developer (contract)", "Северный Код", "Tallinn, Estonia"),
    ("Software Engineering Intern", "Helix Robotics", "Munich, Germany"),
]
_BULLETS = [
    "Led the redesign of the shipment-tracking pipeline, cutting p95 latency from 2.1 s "
    "to 340 ms while traffic tripled.",
    "Mentored five engineers through their first on-call rotations and wrote the incident "
    "runbooks the team still uses.",
    "Moved 40 services from hand-built VMs to Kubernetes with zero customer-visible downtime.",
    "Built a fraud-scoring service in Python and Go that blocks €1.2 M of chargebacks a year.",
    "Introduced contract tests between 12 teams, halving integration failures in staging.",
    "Owned the PostgreSQL estate: partitioning, point-in-time recovery drills and upgrades.",
    "Shipped a self-service reporting tool used weekly by 300 analysts across three countries.",
    "Reduced cloud spend by 28 % by right-sizing clusters and adding autoscaling.",
]


def _entries(count: int, bullets: int) -> list[Entry]:
    entries = []
    for number in range(count):
        title, org, place = _ROLES[number % len(_ROLES)]
        start = 2024 - 2 * (number + 1)
        entries.append(
            Entry(
                title=title,
                organisation=org,
                dates=f"{start} – {start + 2}" if number else f"{start} – present",
                location=place,
                bullets=[_BULLETS[(number + i) % len(_BULLETS)] for i in range(bullets)],
            )
        )
    return entries


def sample_cv(*, pages: int = 1, name: str = "Zoë Ødegård") -> CVDocument:
    """A plausible CV of roughly `pages` pages in the classic template (1, 2 or 3)."""
    long = pages > 1
    roles = 3 if not long else 4 + 3 * (pages - 1)
    bullets = 3 if not long else 5
    sections = [
        Section(
            kind="summary",
            heading="Summary",
            text=(
                "Backend engineer with a decade of experience building reliable payment and "
                "logistics systems. Calm under incident pressure, happiest when turning slow, "
                "fragile pipelines into fast, boring ones. Fluent in Python, Go and SQL."
                if long
                else "Backend engineer who enjoys making slow, fragile systems fast and boring. "
                "Comfortable across Python, Go and SQL, and with the people who use them."
            ),
        ),
        Section(kind="experience", heading="Experience", entries=_entries(roles, bullets)),
        Section(
            kind="education",
            heading="Education",
            entries=[
                Entry(
                    title="MSc Computer Science",
                    organisation="Technische Universität München",
                    dates="2012 – 2014",
                    location="Munich",
                    bullets=["Thesis: scheduling under uncertainty for warehouse robots."],
                ),
                Entry(
                    title="BSc Mathematics",
                    organisation="Uniwersytet Warszawski",
                    dates="2009 – 2012",
                    location="Warsaw",
                ),
            ],
        ),
        Section(
            kind="skills",
            heading="Skills",
            items=[
                "Python",
                "Go",
                "PostgreSQL",
                "Kubernetes",
                "Kafka",
                "Terraform",
                "Observability",
                "System design",
            ],
        ),
        Section(
            kind="languages",
            heading="Languages",
            items=["English (fluent)", "German (C1)", "Polish (native)", "Ελληνικά (B1)"],
        ),
    ]
    if long:
        sections.insert(
            3,
            Section(
                kind="projects",
                heading="Projects",
                entries=[
                    Entry(
                        title="tidewatch",
                        organisation="Open source",
                        dates="2021 – present",
                        bullets=[
                            "Queue-lag monitor for Kafka used by about 200 companies; "
                            "2.3 k stars on GitHub.",
                            "Designed the plugin API and reviewed contributions from 40 people.",
                        ],
                    )
                ],
            ),
        )
        sections.append(
            Section(
                kind="certifications",
                heading="Certifications",
                items=["Certified Kubernetes Administrator (2022)", "AWS Solutions Architect"],
            )
        )
    return CVDocument(
        contact=Contact(
            name=name,
            email="zoe.odegard@example.com",
            phone="+49 30 1234 5678",
            location="Berlin, Germany",
            links=[
                Link("LinkedIn", "https://www.linkedin.com/in/zoe-odegard"),
                Link("GitHub", "https://github.com/zoeodegard"),
            ],
        ),
        headline="Senior Backend Engineer · Payments and logistics platforms",
        sections=sections,
    )
