"""Retrain the stance judge shipped in src/onrecord/link/judge/model/ (see that package's train.py).

Usage: python scripts/train_judge.py [--shared ../shared] [--out DIR] [--seed N] [--cache features.npz] [--semantic]

--semantic trains src/onrecord/link/judge/model-semantic/ (sentence-embedding features; needs onrecord[semantic]).
"""

from onrecord.link.judge.train import main

if __name__ == "__main__":
    main()
