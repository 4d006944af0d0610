"""Reading a Word report against python-docx's own load of the same file.

    pip install -e '.[bench,docx]'
    python benchmarks/read_docx.py

The file is ``render(example(), "docx")``: all seven appendices, 151 rows in seven
tables with merged two-row headers. ``read`` checks the archive, lets python-docx load
it (``Document()``), walks its body and reads every row; the ratio says what reading
adds to the load itself. Best time per call over several repetitions, median beside it.
"""

from __future__ import annotations

import io
import os
import statistics
import timeit

import docx

from cchc_model import example, read, render

INFO = {"period": "h1", "year": 2024, "level": "commune"}


def per_call(fn: object, number: int = 20, repeat: int = 7) -> tuple[float, float]:
    times = [t / number for t in timeit.repeat(fn, number=number, repeat=repeat)]  # type: ignore[arg-type]
    return min(times), statistics.median(times)


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    data = render(example(), "docx")
    report, _ = read(data, info=INFO)
    assert report.templates == example().templates
    load = per_call(lambda: docx.Document(io.BytesIO(data)))
    ours = per_call(lambda: read(data, info=INFO))
    print(f"Word report of {len(data):,} bytes, {len(report.templates)} appendices")
    print(f"  python-docx Document()      {load[0] * 1e3:7.1f} ms   (median {load[1] * 1e3:.1f})")
    print(f"  cchc_model.read             {ours[0] * 1e3:7.1f} ms   (median {ours[1] * 1e3:.1f})")
    print(f"  ratio                       {ours[0] / load[0]:7.2f}")


if __name__ == "__main__":
    main()
