"""The stance judge: is a text about a claim's story, and does it support or contradict it?

``judge_pair(claim, text)`` answers a :class:`JudgeVerdict`; a model trained on FNC-1
and Emergent (``python -m onrecord.link.judge.train``) over readable features
(features.py), shipped in ``model/`` and loaded offline.
"""

from .model import JudgeVerdict, judge_pair, load_judge

__all__ = ["JudgeVerdict", "judge_pair", "load_judge"]
