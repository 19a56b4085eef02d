"""The page → facts path compiled to C by mypyc, and used only while it matches its sources.

Segmentation and extraction are plain typed Python. ``dkg compile`` (run by ``make``)
compiles the modules of :data:`COMPILED` with mypyc, and the C of :data:`C_KERNELS` (the CRF's
Viterbi), into ``loaders/_native/``, and writes beside them a digest of the sources they came
from. Importing :mod:`loaders` calls :func:`install`, which puts a finder first on
``sys.meta_path`` that loads those modules from the compiled files, and only when the digest
still matches: an edited source runs as the Python it says until the next build, never as
stale C. ``DKG_NATIVE=off`` runs the Python.

Compiled code cannot be patched from outside (a compiled caller calls a compiled callee
directly), and a compiled module's ``__file__`` is in the build: modules on the path find
their data through the ``loaders`` package, never beside ``__file__``.

Examples
--------
>>> compiled_modules()[:3]
['loaders.extraction.abbreviations', 'loaders.extraction.analysis', 'loaders.extraction.attendance']
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["COMPILED", "build", "compiled_modules", "install", "is_current", "native_state"]

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "loaders" / "_native"
DIGEST_FILE = "sources.sha256"
# The shared library that holds every compiled module: a top-level name, as mypyc's C files of a
# dotted group name include its header from a folder that is not on the include path.
GROUP = "dkg_native"
SWITCH = "DKG_NATIVE"

COMPILED = (  # the hot path, as globs under the project root; package __init__ files stay Python
    "loaders/words.py",
    "loaders/segmentation/[a-z]*.py",
    "loaders/extraction/[a-z]*.py",
    "loaders/extraction/statistical/features.py",
    "loaders/extraction/statistical/model.py",
    "loaders/extraction/statistical/stage.py",
)
# Kernels written in C, built beside them (an extension module each, named by its path).
C_KERNELS = ("loaders/extraction/statistical/_viterbi.c",)
MYPY_FLAGS = ("--ignore-missing-imports", "--follow-imports=silent")


def _sources() -> list[Path]:
    return sorted(path for pattern in COMPILED for path in ROOT.glob(pattern))


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def compiled_modules() -> list[str]:
    """The names of the modules a build compiles."""
    return [_module_name(path) for path in _sources()]


def _digest() -> str:
    """What the compiled files must have been built from: the sources and the interpreter."""
    digest = hashlib.sha256(importlib.machinery.EXTENSION_SUFFIXES[0].encode())
    for path in [*_sources(), *(ROOT / kernel for kernel in C_KERNELS)]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _built_digest() -> str | None:
    try:
        return (BUILD / DIGEST_FILE).read_text().strip()
    except OSError:
        return None


def is_current() -> bool:
    """Whether the build matches the sources as they are now."""
    built = _built_digest()
    return built is not None and built == _digest()


def native_state() -> str:
    """``on`` (the compiled modules are in use or would be), ``off`` (``DKG_NATIVE=off``),
    ``stale`` (a source changed since the build) or ``unbuilt``."""
    if os.environ.get(SWITCH, "on").lower() in {"off", "0", "no", "false"}:
        return "off"
    if _built_digest() is None:
        return "unbuilt"
    return "on" if is_current() else "stale"


class _CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules (and their shared library) by name in the build."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def _built_files() -> dict[str, Path]:
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    return {".".join(path.relative_to(BUILD).parts)[:-len(suffix)]: path
            for path in BUILD.rglob(f"*{suffix}")}


def install() -> bool:
    """Load the compiled modules from now on, if they are current and load; whether they will be."""
    if any(isinstance(finder, _CompiledFinder) for finder in sys.meta_path):
        return True
    if native_state() != "on":
        return False
    finder = _CompiledFinder(_built_files())
    sys.meta_path.insert(0, finder)
    try:
        importlib.import_module(f"{GROUP}__mypyc")
    except ImportError as error:  # built by another mypyc or for another system: run the Python
        sys.meta_path.remove(finder)
        warnings.warn(f"the compiled modules in {BUILD} do not load ({error}); running the Python: "
                      "run `dkg compile` again", RuntimeWarning, stacklevel=2)
        return False
    return True


def _build_ext_in_parallel() -> type:
    """setuptools' build_ext, compiling an extension's C files side by side (it compiles them one by one)."""
    from concurrent.futures import ThreadPoolExecutor

    from setuptools.command.build_ext import build_ext

    class BuildExtInParallel(build_ext):
        def build_extensions(self) -> None:
            compile_files = self.compiler.compile

            def compile_in_parallel(sources: list[str], *args: Any, **kwargs: Any) -> list[str]:
                with ThreadPoolExecutor(os.cpu_count()) as pool:  # each file is a gcc process
                    parts = pool.map(lambda source: compile_files([source], *args, **kwargs), sources)
                    return [obj for part in parts for obj in part]

            self.compiler.compile = compile_in_parallel
            super().build_extensions()

    return BuildExtInParallel


def _kernel_extension(kernel: str) -> Any:
    from setuptools import Extension

    return Extension(_module_name(ROOT / kernel), sources=[str(ROOT / kernel)], extra_compile_args=["-O3"])


def build(opt_level: str = "3") -> Path:
    """Compile :data:`COMPILED` into ``loaders/_native/`` (needs mypy and a C compiler); the build."""
    from mypyc.build import mypycify  # build-time only: the `native` extra
    from setuptools import setup

    digest = _digest()
    staging = BUILD.with_name("_native.new")
    shutil.rmtree(staging, ignore_errors=True)
    cwd = Path.cwd()
    with tempfile.TemporaryDirectory() as temp:
        try:
            os.chdir(ROOT)  # mypy names modules by their path from the project root
            paths = [*MYPY_FLAGS, *(str(path.relative_to(ROOT)) for path in _sources())]
            extensions = mypycify(paths, opt_level=opt_level, group_name=GROUP, target_dir=temp, multi_file=True)
            extensions += [_kernel_extension(kernel) for kernel in C_KERNELS]
            os.chdir(temp)  # away from pyproject.toml, which setuptools would read as this build's project
            setup(name="dkg-native", ext_modules=extensions, script_name="setup.py",
                  cmdclass={"build_ext": _build_ext_in_parallel()},
                  script_args=["--quiet", "build_ext", "--build-lib", str(staging), "--build-temp", temp])
        finally:
            os.chdir(cwd)
    (staging / DIGEST_FILE).write_text(digest + "\n")
    shutil.rmtree(BUILD, ignore_errors=True)
    staging.rename(BUILD)
    return BUILD
