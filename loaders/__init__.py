"""The loaders room: read inputs, cut pages into articles, extract facts, resolve entities.

Each stage is a function from one record to the next (see ``loaders.pipeline``)::

    path ─read─▶ Document ─segment─▶ Article* ─extract─▶ Fact* ─resolve─▶ GraphBatch

No module here imports a store backend: the graph room takes the batches from here.

The hot path runs compiled when ``dkg compile`` has built it (``make`` does):
see :mod:`loaders.native`.
"""

from loaders.native import install

install()
