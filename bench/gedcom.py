"""GEDCOM figures: converting a 3,000-person family tree, and importing 1,000 networks from
.ged files into Neo4j.

    python bench/gedcom.py [--people 3000] [--files 1000] [--seed 11]

The trees are generated here (invented names, a fixed seed): generations of couples with two to
four children, each child's partner married in from outside the tree, until the tree holds
``--people`` people. The young person is one of the youngest generation. Converting is reading
the file (ged4py) plus working out kinship and building the network; importing is what
``connections import FILE.ged`` does for each file: convert, then save (merged on a condition:
connections.store.gedcom.save_import), one transaction per file, into a fresh Neo4j.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date
from pathlib import Path

from common import figure, fresh_database, peak_rss_mib

from connections.gedcom import read_tree, to_gedcom, to_network
from connections.store.gedcom import save_import

GIVEN = ["Amy", "Ben", "Cara", "Dan", "Eve", "Finn", "Gina", "Hal", "Ivy", "Joe", "Kay", "Lee"]
SURNAMES = ["Example", "Sample", "Tester", "Model", "Pattern", "Mock", "Draft", "Proto"]


def family_tree(people: int, seed: int) -> tuple[str, str]:
    """GEDCOM 5.5.1 text of a generated tree of about ``people`` people, and the young
    person's xref (one of the youngest generation)."""
    rng = random.Random(seed)
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8"]
    count = 0
    families = 0

    def person(surname: str, sex: str, born: int, child_of: str | None = None) -> str:
        nonlocal count
        count += 1
        xref = f"@I{count}@"
        lines.extend([f"0 {xref} INDI", f"1 NAME {rng.choice(GIVEN)} /{surname}/", f"1 SEX {sex}"])
        lines.extend(["1 BIRT", f"2 DATE {rng.randint(1, 28)} MAR {born}"])
        if born < 1950 and rng.random() < 0.7:
            lines.extend(["1 DEAT", f"2 DATE {born + rng.randint(60, 90)}"])
        if child_of:
            lines.append(f"1 FAMC {child_of}")
        return xref

    founders = max(1, people // 150)
    generation = [(person(rng.choice(SURNAMES), "M", 1890), 1890) for _ in range(founders)]
    youngest: list[str] = []
    while count < people and generation:
        next_generation = []
        for head, born in generation:
            if count >= people:
                break
            families += 1
            fam = f"@F{families}@"
            partner = person(rng.choice(SURNAMES), "F", born + rng.randint(-3, 3))
            children = []
            for _ in range(rng.randint(2, 4)):
                if count >= people:
                    break
                child_born = born + rng.randint(22, 34)
                child = person(rng.choice(SURNAMES), rng.choice("MF"), min(child_born, 2012), fam)
                children.append(child)
                next_generation.append((child, child_born))
            lines.extend([f"0 {fam} FAM", f"1 HUSB {head}", f"1 WIFE {partner}"])
            lines.extend(f"1 CHIL {child}" for child in children)
        if next_generation:
            youngest = [x for x, _ in next_generation]
        generation = [(x, b) for x, b in next_generation if b < 2012]
        rng.shuffle(generation)
    lines.append("0 TRLR")
    young_person = youngest[len(youngest) // 2]
    return "\n".join(lines) + "\n", young_person


def convert(people: int, seed: int) -> None:
    text, young_person = family_tree(people, seed)
    data = text.encode()
    started = time.perf_counter()
    tree = read_tree(data)
    read = time.perf_counter() - started
    started = time.perf_counter()
    conversion = to_network(tree, young_person, "yp-bench", date_of_birth=date(2012, 3, 1))
    converted = time.perf_counter() - started
    started = time.perf_counter()
    exported = to_gedcom(conversion.network, date(2026, 11, 22))
    writing = time.perf_counter() - started
    print(f"\nConverting a {len(tree.people):,}-person tree ({len(data) / 1024:.0f} KiB)")
    figure("reading the file (ged4py)", f"{read:.2f} s")
    figure("kinship and the network", f"{converted * 1000:.0f} ms")
    figure("total", f"{read + converted:.2f} s")
    figure(
        "relatives taken / left out",
        f"{len(conversion.network.people)} / {conversion.left_out_total:,}",
    )
    figure("exporting that network as GEDCOM", f"{writing * 1000:.1f} ms ({len(exported):,} bytes)")


def import_files(files: int, seed: int) -> None:
    print(f"\nImporting {files:,} networks from .ged files (one transaction each)")
    with tempfile.TemporaryDirectory(prefix="bench-gedcom-") as folder:
        paths = []
        for number in range(files):
            text, young_person = family_tree(40, seed + number)
            path = Path(folder) / f"tree-{number:04d}.ged"
            path.write_text(text, encoding="utf-8")
            paths.append((path, young_person))
        converting = saving = 0.0
        people = 0
        with fresh_database() as (_, store):
            for number, (path, young_person) in enumerate(paths):
                started = time.perf_counter()
                network = to_network(
                    read_tree(path.read_bytes()),
                    young_person,
                    f"yp-{number:04d}",
                    date_of_birth=date(2012, 3, 1),
                ).network
                converting += time.perf_counter() - started
                started = time.perf_counter()
                save_import(store, network)
                saving += time.perf_counter() - started
                people += len(network.people)
            started = time.perf_counter()
            network = to_network(
                read_tree(paths[0][0].read_bytes()),
                paths[0][1],
                "yp-0000",
                date_of_birth=date(2012, 3, 1),
            ).network
            save_import(store, network)  # the same file again: a merge that changes nothing
            again = time.perf_counter() - started
        figure("people imported", f"{people:,}")
        figure(
            "converting (read + kinship)",
            f"{converting:.1f} s ({converting / files * 1000:.0f} ms a file)",
        )
        figure("saving", f"{saving:.1f} s ({saving / files * 1000:.0f} ms a network)")
        figure(
            "total", f"{converting + saving:.1f} s ({files / (converting + saving):.0f} files/s)"
        )
        figure("re-importing one file (merge)", f"{again * 1000:.0f} ms")
        figure("peak memory", f"{peak_rss_mib():.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    convert(args.people, args.seed)
    import_files(args.files, args.seed)


if __name__ == "__main__":
    main()
