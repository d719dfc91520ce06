"""infolib: the companion package of *Surprise, Entropy and the Cross-Entropy Loss*.

Small, vectorised, float64 implementations of the quantities the book
teaches, one module per idea:

- :mod:`infolib.information`: :func:`information_content` (chapter 1);
- :mod:`infolib.entropy`: :func:`entropy`, :func:`binary_entropy` (chapter 2);
- :mod:`infolib.coding`: :func:`huffman_code`, :func:`mean_code_length`, entropy as
  code length (chapters 2, 4);
- :mod:`infolib.divergence`: :func:`kl_divergence` (chapter 3),
  :func:`cross_entropy` (chapter 4);
- :mod:`infolib.logits`: :func:`softmax`, :func:`log_softmax`,
  :func:`cross_entropy_with_logits` (chapter 5);
- :mod:`infolib.logistic`: :func:`sigmoid`, :func:`log_sigmoid` (chapter 5);
- :mod:`infolib.calibration`: :func:`tempered_softmax`, :func:`smooth_labels`,
  :func:`reliability_bins`, :func:`expected_calibration_error`,
  :func:`fit_temperature` (chapter 6);
- :mod:`infolib.datasets`: :func:`gaussian_blobs`, small training sets (chapter 5);
  :func:`~infolib.datasets.numpy_docstrings`, :func:`~infolib.datasets.sphinx_messages`,
  text every reader has (chapter 7);
- :mod:`infolib.text`: :class:`~infolib.text.NGramModel`, character models of text,
  :func:`~infolib.text.perplexity` (chapter 7);
- :mod:`infolib.arithmetic_coding`: :func:`~infolib.arithmetic_coding.arithmetic_encode`
  and :func:`~infolib.arithmetic_coding.arithmetic_decode`, a model's cross-entropy as
  actual bits (chapter 7);
- :mod:`infolib.plotting`: the one figure style every chapter uses;
- :mod:`infolib.book`: :func:`~infolib.book.glue`, the numbers the chapters' text
  quotes, stored so they read the same on every machine.

Logarithms are natural (nats) unless ``base`` says otherwise; ``base=2``
gives bits. Bad input raises ``ValueError`` naming the argument and the
problem (a ragged nested list is called ragged; ``TypeError`` for an argument
that is not numeric at all); nothing is normalised silently.
"""

from .calibration import (
    ReliabilityBins,
    expected_calibration_error,
    fit_temperature,
    reliability_bins,
    smooth_labels,
    tempered_softmax,
)
from .coding import huffman_code, mean_code_length
from .datasets import gaussian_blobs
from .divergence import cross_entropy, kl_divergence
from .entropy import binary_entropy, entropy
from .information import information_content
from .logistic import log_sigmoid, sigmoid
from .logits import cross_entropy_with_logits, log_softmax, softmax

__all__ = [
    "information_content",
    "entropy",
    "binary_entropy",
    "kl_divergence",
    "cross_entropy",
    "softmax",
    "log_softmax",
    "cross_entropy_with_logits",
    "huffman_code",
    "mean_code_length",
    "sigmoid",
    "log_sigmoid",
    "gaussian_blobs",
    "tempered_softmax",
    "smooth_labels",
    "ReliabilityBins",
    "reliability_bins",
    "expected_calibration_error",
    "fit_temperature",
]

__version__ = "0.1.0"
