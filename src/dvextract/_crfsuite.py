"""Reading a CRFsuite model file (the format ``underthesea_core`` writes and reads) into plain weights.

The tagger decodes its model in Python (:mod:`dvextract._tagger.decode`) and needs the weights themselves:
the labels in the file's order, one weight per label for each attribute, and the label-to-label transitions.
Weights are read the way ``underthesea_core``'s loader keeps them: a later feature for the same (attribute,
label) replaces an earlier one, and a state weight of magnitude 1e-10 or less is dropped.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Weights", "read", "read_file"]

_DROPPED = 1e-10  # underthesea_core keeps no state weight this small (CRFModel.set_state_weight)


@dataclass(frozen=True)
class Weights:
    """A linear-chain CRF as stored: ``state[attribute][label]`` and ``transitions[from][to]``, labels by id."""

    labels: list[str]
    state: dict[str, list[float]]
    transitions: list[list[float]]


def read(data: bytes) -> Weights:
    """The weights of a CRFsuite model file's bytes (``ValueError`` when they are not one, truncated included)."""
    try:
        return _parse(data)
    except (struct.error, IndexError) as exc:  # an offset or an id beyond the bytes: not a whole model
        raise ValueError(f"not a whole CRFsuite model ({exc})") from exc


def _parse(data: bytes) -> Weights:
    magic, size, kind, _, _, n_labels, _, off_features, off_labels, off_attrs = struct.unpack_from("<4sI4s7I", data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError("not a CRFsuite model")
    if size != len(data):
        raise ValueError(f"a CRFsuite model of {size} bytes given as {len(data)}")
    labels, attrs = _cqdb(data, off_labels), _cqdb(data, off_attrs)
    if len(labels) != n_labels:
        raise ValueError(f"a CRFsuite model with {n_labels} labels names {len(labels)}")
    chunk, _, count = struct.unpack_from("<4sII", data, off_features)
    if chunk != b"FEAT":
        raise ValueError("a CRFsuite model without its feature chunk")
    body = data[off_features + 12 : off_features + 12 + 20 * count]
    if len(body) != 20 * count:
        raise ValueError(f"a CRFsuite model cut short: {len(body) // 20} of its {count} features")
    state: dict[str, list[float]] = {}
    transitions = [[0.0] * n_labels for _ in range(n_labels)]
    for kind_, src, dst, weight in struct.iter_unpack("<IIId", body):
        if kind_ == 0:
            row = state.setdefault(attrs[src], [0.0] * n_labels)
            row[dst] = weight if abs(weight) > _DROPPED else 0.0
        elif kind_ == 1:
            transitions[src][dst] = weight
    return Weights(labels, state, transitions)


def read_file(path: str | Path) -> Weights:
    """The weights of the CRFsuite model file at ``path``."""
    return read(Path(path).read_bytes())


def _cqdb(data: bytes, offset: int) -> list[str]:
    """The strings of a CRFsuite constant quark database, by id."""
    chunk, _, _, _, count, backward = struct.unpack_from("<4s5I", data, offset)
    if chunk != b"CQDB":
        raise ValueError("not a CQDB chunk")
    out = []
    for (pos,) in struct.iter_unpack("<I", data[offset + backward : offset + backward + 4 * count]):
        size = struct.unpack_from("<I", data, offset + pos + 4)[0]
        out.append(data[offset + pos + 8 : offset + pos + 7 + size].decode("utf-8"))
    return out
