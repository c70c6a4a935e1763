"""Dependencies between apps run one way: from a higher floor down, never up or sideways.

FLOORS is the one place where the order is written (docs/architecture.md draws it). The check
reads every import of the project's code with ``ast`` (tests, migrations and conftest files
excluded, since tests may reach any floor and migrations are frozen history) and fails on an
import of an app on the same floor or a higher one. An import inside a function or under
``TYPE_CHECKING`` counts the same: it couples the apps just as much. A new app must be given a
floor here before its code can land.
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "wijkteam"

# From the ground up. Apps on one floor do not import each other.
FLOORS: list[tuple[str, ...]] = [
    ("deadlines",),  # pure term arithmetic (Awb, Jeugdwet), no Django models
    ("core",),  # request and UI infrastructure, the menu registry; no domain
    ("audit",),  # the audit trail of every write
    ("accounts",),  # users, log-in, second factor, system roles
    ("organisation", "notifications"),  # teams, memberships, mandate; the inbox and e-mail
    ("privacy", "jobs", "providers", "socialmap"),  # access log, consent, registries; periodic
    # jobs; providers; the social map (services, general provisions, citizen initiatives)
    ("residents",),  # residents, households, network
    ("cases",),  # casework from melding to closure, the case consent rule
    ("rights", "documents", "iwmo", "complaints", "outreach"),  # rights; documents; iWmo/iJw;
    # complaints, objections and the survey; outreach signals
    ("portal", "idp", "accountability"),  # resident portal; DigiD-test provider; indicators
    ("area",),  # the team's design (bouwstenen, startdocument, development plan), area analysis
    ("home", "synthetic", "testing"),  # start pages; demo, synthetic and test data
    ("settings",),  # composes the apps (INSTALLED_APPS, middleware); the bench settings
]


def floor_of() -> dict[str, int]:
    return {app: level for level, apps in enumerate(FLOORS) for app in apps}


def _is_excluded(rel: Path) -> bool:
    return (
        "tests" in rel.parts
        or "migrations" in rel.parts
        or rel.name == "conftest.py"
        or rel.name.startswith("test_")
    )


def _imported_modules(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """``(line, absolute module)`` for every import in the tree, relative ones resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target == "wijkteam" or (node.level and not node.module):
                # ``from wijkteam import cases`` / ``from .. import cases``: the names are modules
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return found


def upward_imports(root: Path, floors: dict[str, int]) -> list[str]:
    """Every import from an app to an app on the same or a higher floor, and unplaced apps."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if len(rel.parts) < 2 or _is_excluded(rel):
            continue  # wijkteam/urls.py and wsgi.py compose the apps: they stand above them
        app = rel.parts[0]
        if app not in floors:
            message = f"{app}: the app has no floor in FLOORS (tests/test_architecture.py)"
            if message not in problems:
                problems.append(message)
            continue
        module = ".".join(("wijkteam", *rel.with_suffix("").parts))
        is_package = path.name == "__init__.py"
        if is_package:
            module = module.removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, target in _imported_modules(tree, module, is_package):
            parts = target.split(".")
            if parts[0] != "wijkteam" or len(parts) < 2 or parts[1] == app:
                continue
            other = parts[1]
            if other not in floors:
                continue  # a top-level module (wijkteam.urls) is checked below
            if floors[other] >= floors[app]:
                problems.append(
                    f"{rel}:{line}: {app} (floor {floors[app]}) imports {target} "
                    f"({other}, floor {floors[other]})"
                )
    return problems


def test_no_app_imports_upward_or_sideways():
    problems = upward_imports(SRC, floor_of())
    assert problems == [], "imports against the floors:\n" + "\n".join(problems)


def test_every_app_has_a_floor():
    apps = {p.parent.name for p in SRC.glob("*/__init__.py")}
    assert apps <= set(floor_of()), sorted(apps - set(floor_of()))


# ---- the check checks ------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    def write(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        for folder in {p.parent for p in tmp_path.rglob("*.py")}:
            (folder / "__init__.py").touch()
        return tmp_path

    return write


FLOORS_FOR_TEST = {"low": 0, "mid": 1, "mid2": 1, "high": 2}


def test_an_import_from_a_higher_floor_fails(tree):
    root = tree({"low/services.py": "from wijkteam.high.models import Thing\n"})
    [problem] = upward_imports(root, FLOORS_FOR_TEST)
    assert "low/services.py:1" in problem and "wijkteam.high.models" in problem


def test_relative_function_level_and_type_checking_imports_count(tree):
    root = tree(
        {
            "low/a.py": "def f():\n    from ..high import views\n",
            "low/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from wijkteam.mid import models\n",
            "low/c.py": "from wijkteam import high\n",
            "low/sub/d.py": "from ...high.models import Thing\n",
        }
    )
    problems = upward_imports(root, FLOORS_FOR_TEST)
    assert [p.split(":")[0] for p in problems] == [
        "low/a.py",
        "low/b.py",
        "low/c.py",
        "low/sub/d.py",
    ]


def test_an_import_sideways_on_one_floor_fails(tree):
    root = tree({"mid/a.py": "import wijkteam.mid2.policies\n"})
    assert len(upward_imports(root, FLOORS_FOR_TEST)) == 1


def test_downward_imports_tests_and_migrations_pass(tree):
    root = tree(
        {
            "high/a.py": "from wijkteam.low import models\nfrom ..mid import policies\nfrom . import b\n",
            "high/b.py": "from .a import x\n",
            "low/tests/test_x.py": "from wijkteam.high import a\n",
            "low/migrations/0001_initial.py": "from wijkteam.high.models import Thing\n",
            "low/conftest.py": "from wijkteam.high import a\n",
        }
    )
    assert upward_imports(root, FLOORS_FOR_TEST) == []


def test_an_app_without_a_floor_fails(tree):
    root = tree({"portal/views.py": "from wijkteam.low import models\n"})
    assert upward_imports(root, FLOORS_FOR_TEST) == [
        "portal: the app has no floor in FLOORS (tests/test_architecture.py)"
    ]
