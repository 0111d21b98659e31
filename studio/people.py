"""People in product photos: find faces and skin so styling can leave them as they are.

On-model clothing shots are products too, but a merchandiser cannot publish a model with a blue
textured face or a ghost-white hand. Two parts:

* Faces: OpenCV's Haar cascades (frontal and profile), the model files that ship inside the
  ``opencv-python-headless`` 4.x wheel (``cv2.data``), so they load offline. A detection counts
  only when its centre is skin-coloured (cascades fire on toys and lamp shades); the face is kept
  whole (eyes, lips, brows), and its own pixels give that person's skin colour, so arms and legs
  are found by the colour of the face above them, dark or pale skin alike.
* Skin without a face (hands, legs, a cropped head): the YCbCr skin cluster of Chai and Ngan
  (1999), tightened with a red-minus-blue margin.

Both colour maps keep only smooth pixels (skin has little fine texture; wood, sand or printed
fabric of the same hue has more) in regions large enough to be a face or a limb, holes filled.
Packages checked for offline weights: mediapipe 1.x ships no models (its 0.10.21 wheel does,
but pins numpy<2 and pulls jax and the non-headless OpenCV); opencv-python-headless 5.x ships
no cascades, hence the ``<5`` pin.

What it is not: a person detector. Skin-coloured products (a tan leather strap, a peach
candle lid) can be taken for skin, and a turned-away or cropped head has no face to anchor on;
measured on the project's photos, see the README.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage

from studio.i18n import translate

#: Long edge the classifier works at: skin regions are large and smooth.
ANALYSIS_EDGE = 384
#: A region smaller than this share of the frame is not a face or a limb.
MIN_REGION_SHARE = 0.003
#: Local standard deviation of luma (0-1) above which a skin-coloured pixel is texture, not skin.
MAX_TEXTURE = 0.045


#: A detection is a face when this share of its centre is (loosely) skin-coloured.
MIN_FACE_SKIN = 0.6
#: Spread floor of a face's chroma model (CbCr units): a flat face colour is not an exact one.
MIN_CHROMA_SD = 3.0
#: A pixel is this person's skin within this many standard deviations of the face's chroma.
CHROMA_SIGMAS = 3.0

_CASCADES = ("haarcascade_frontalface_alt2.xml", "haarcascade_frontalface_default.xml",
             "haarcascade_profileface.xml")


@dataclass(frozen=True)
class Face:
    """A face box in pixels of the image it was found in."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class SkinMap:
    """``mask`` (H, W) in [0, 1], 1 = skin (to keep unstyled), or None when none was found;
    ``faces``: how many faces anchored it."""

    mask: torch.Tensor | None
    share: float
    faces: int = 0

    def resized(self, width: int, height: int) -> SkinMap:
        if self.mask is None or tuple(self.mask.shape) == (height, width):
            return self
        resized = F.interpolate(self.mask[None, None], size=(height, width), mode="bilinear", align_corners=False)
        return SkinMap(resized[0, 0].clamp(0, 1), self.share, self.faces)


def _ycbcr(image: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r, g, b = image[..., 0] * 255, image[..., 1] * 255, image[..., 2] * 255
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return y, cb, cr


def skin_colour(image: np.ndarray) -> np.ndarray:
    """Boolean map of skin-coloured pixels of an (H, W, 3) RGB array in [0, 1]."""
    return _skin_cluster(*_ycbcr(image))


def _skin_cluster(y: np.ndarray, cb: np.ndarray, cr: np.ndarray) -> np.ndarray:
    return (cr >= 138) & (cr <= 175) & (cb >= 85) & (cb <= 128) & (y >= 70) & (cr - cb >= 15)


def _loose_skin(y: np.ndarray, cb: np.ndarray, cr: np.ndarray) -> np.ndarray:
    """Skin colour without the brightness floor: a face's centre under any light, dark skin too."""
    return (cr >= 133) & (cr <= 180) & (cb >= 77) & (cb <= 130) & (y >= 25) & (cr - cb >= 10)


@lru_cache(maxsize=1)
def _cascades() -> tuple:
    import cv2  # imported on first use: the pipeline needs it only with people="keep"

    cascades = []
    for name in _CASCADES:
        cascade = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / name))
        if cascade.empty():  # a broken install: say so rather than silently finding no faces
            raise RuntimeError(translate("people", "OpenCV's face model {name} did not load from {folder}").format(
                name=name, folder=cv2.data.haarcascades))
        cascades.append((name, cascade))
    return tuple(cascades)


def find_faces(image: np.ndarray) -> list[Face]:
    """Faces in an (H, W, 3) RGB array in [0, 1], checked by their colour, overlaps merged."""
    return _find_faces(*_ycbcr(image))


def _find_faces(y: np.ndarray, cb: np.ndarray, cr: np.ndarray) -> list[Face]:
    import cv2

    # Not histogram-equalised: on the project's photos that found no more faces, and it hid
    # dark faces on a white backdrop (the backdrop takes the whole top of the histogram).
    gray = np.clip(y, 0, 255).astype(np.uint8)
    height, width = gray.shape
    smallest = max(20, round(min(height, width) * 0.06))
    found: list[Face] = []
    for name, cascade in _cascades():
        for mirrored in (False, True) if "profile" in name else (False,):  # the cascade sees left profiles
            frame = np.ascontiguousarray(gray[:, ::-1]) if mirrored else gray
            for x, top, w, h in cascade.detectMultiScale(frame, scaleFactor=1.1, minNeighbors=5,
                                                         minSize=(smallest, smallest)):
                left = width - x - w if mirrored else x
                found.append(Face(int(left), int(top), int(w), int(h)))
    faces: list[Face] = []
    for face in sorted(found, key=lambda f: -f.width):
        centre = np.s_[face.y + face.height // 4:face.y + 3 * face.height // 4,
                       face.x + face.width // 4:face.x + 3 * face.width // 4]
        skin = _loose_skin(y[centre], cb[centre], cr[centre])
        if skin.mean() < MIN_FACE_SKIN or np.median(cr[centre] - cb[centre]) < 20:
            continue
        cx, cy = face.x + face.width / 2, face.y + face.height / 2
        if any(f.x <= cx <= f.x + f.width and f.y <= cy <= f.y + f.height for f in faces):
            continue  # the same face seen by another cascade
        faces.append(face)
    return faces


def _person_skin(y: np.ndarray, cb: np.ndarray, cr: np.ndarray, face: Face) -> np.ndarray:
    """Pixels near and below ``face`` whose colour matches the face's own skin."""
    centre = np.s_[face.y + face.height // 4:face.y + 3 * face.height // 4,
                   face.x + face.width // 4:face.x + 3 * face.width // 4]
    fy, fcb, fcr = y[centre], cb[centre], cr[centre]
    own = _loose_skin(fy, fcb, fcr)
    chroma = np.stack([fcb[own], fcr[own]])
    mean = chroma.mean(axis=1)
    cov = np.cov(chroma) + np.eye(2) * MIN_CHROMA_SD ** 2
    low, high = np.percentile(fy[own], [5, 95])
    d = np.stack([cb - mean[0], cr - mean[1]], axis=-1)
    distance = np.einsum("...i,ij,...j->...", d, np.linalg.inv(cov), d)
    match = (distance <= CHROMA_SIGMAS ** 2) & (y >= 0.5 * low) & (y <= min(255.0, 1.2 * high))
    # A person's arms and legs are beside and below their face, not above it or far away.
    region = np.zeros_like(match)
    region[max(0, face.y - face.height // 2):,
           max(0, face.x - 3 * face.width):face.x + 4 * face.width] = True
    return match & region


def _face_ellipse(shape: tuple[int, int], face: Face) -> np.ndarray:
    rows, cols = np.ogrid[:shape[0], :shape[1]]
    cx, cy = face.x + face.width / 2, face.y + face.height * 0.55
    return ((cols - cx) / (0.5 * face.width)) ** 2 + ((rows - cy) / (0.62 * face.height)) ** 2 <= 1


def find_skin(rgb: torch.Tensor) -> SkinMap:
    """The skin map of an RGB image ``(3, H, W)`` in [0, 1], at its size."""
    height, width = rgb.shape[-2:]
    scale = min(1.0, ANALYSIS_EDGE / max(height, width))
    small = rgb
    if scale < 1.0:
        small = F.interpolate(rgb[None], size=(max(8, round(height * scale)), max(8, round(width * scale))),
                              mode="area")[0]
    image = small.permute(1, 2, 0).cpu().numpy().astype(np.float32)
    # The face cascades cost ~0.2 s an image on a CPU: only where a face could be, i.e. where
    # there is any skin colour at all (most product shots have none).
    ycc = _ycbcr(image)  # once: the colour rule, the face check and each person's skin read it
    could_be_skin = _loose_skin(*ycc).mean() >= MIN_REGION_SHARE
    faces = _find_faces(*ycc) if could_be_skin else []
    skin = _skin_cluster(*ycc)
    for face in faces:
        skin |= _person_skin(*ycc, face)
    if not skin.any():
        return SkinMap(None, 0.0)
    luma = image @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    mean = ndimage.uniform_filter(luma, 5)
    texture = np.sqrt(np.maximum(ndimage.uniform_filter(luma * luma, 5) - mean * mean, 0))
    skin &= texture <= MAX_TEXTURE
    radius = max(1, round(max(skin.shape) / 192))
    skin = ndimage.binary_opening(skin, iterations=radius)
    labels, count = ndimage.label(skin)
    if count:
        sizes = ndimage.sum(skin, labels, index=np.arange(1, count + 1))
        keep = np.flatnonzero(sizes >= MIN_REGION_SHARE * skin.size) + 1
        skin = np.isin(labels, keep)
    for face in faces:  # the whole face, eyes and lips too, past the texture test
        skin |= _face_ellipse(skin.shape, face)
    skin = ndimage.binary_fill_holes(ndimage.binary_closing(skin, iterations=radius))
    share = float(skin.mean())
    if share == 0.0:
        return SkinMap(None, 0.0)
    # The texture test drops the skin's own rim (next to hair or a collar), and a feather
    # inside the skin would paint its edge: grow the region, then feather outside it.
    grown = ndimage.binary_dilation(skin, iterations=3 * radius)
    soft = ndimage.gaussian_filter(grown.astype(np.float32), sigma=radius)
    return SkinMap(torch.from_numpy(np.clip(soft, 0, 1)), share, len(faces)).resized(width, height)
