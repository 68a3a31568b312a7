#pragma once
// COCO run-length encoded masks (the `segmentation` of iscrowd annotations and of many model
// results): decoding as pycocotools does (maskApi.c rleFrString / rleDecode) and tracing the mask
// into polygons, so such annotations can be imported as editable polygon instances.

#include "annotate/annotation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace florence {

/// A run-length mask of `height` x `width` pixels: lengths of alternating runs of 0s and 1s in
/// column-major order (down the first column, then the next), starting with a run of 0s.
struct RleMask
{
    int height = 0;
    int width = 0;
    std::vector<std::uint32_t> counts;
};

/// Decodes pycocotools' compressed `counts` string (6-bit characters from '0', 5 data bits, a
/// continuation bit, sign extension, runs from the third on stored as the difference to the run two
/// before). Throws Error(BadInput) for characters outside '0'..'o', a truncated last run or a run
/// that comes out negative.
std::vector<std::uint32_t> decodeRleCounts(const std::string &compressed);

/// Checks that the runs cover exactly height x width pixels (at most 2^28) and returns "" or what
/// is wrong ("the runs cover 19 pixels; a 4x5 mask has 20").
std::string rleProblem(const RleMask &rle);

/// Traces the mask's outer boundaries (8-connected regions, holes filled) as polygons in pixel
/// coordinates through the centres of the boundary pixels (+0.5, the convention of detectron2's
/// mask-to-polygon), one ring per region, largest region first; collinear boundary points are
/// merged. Regions that give fewer than 3 points (a single pixel or a line one pixel thin) are
/// returned as the 4 corners of their pixel bounding box instead, so no foreground is lost.
/// Precondition: rleProblem(rle) is "".
std::vector<Ring> rleToRings(const RleMask &rle);

/// The same tracing on a row-major 8-bit mask (non-zero = foreground) of `height` x `width`
/// pixels whose rows are `stride` bytes apart (mask PNG import uses it).
std::vector<Ring> maskToRings(const std::uint8_t *mask, int height, int width, int stride);

/// Rasterizes one polygon ring into a height x width mask exactly as pycocotools does
/// (maskApi.c rleFrPoly: the boundary is sampled at 5x resolution, each column is filled between
/// its boundary crossings, so a self-intersecting ring covers its crossing-parity region). Points
/// are in pixel coordinates (pycocotools' convention: pixel (x, y) covers [x-0.5, x+0.5)); a ring
/// of fewer than 3 points gives an empty mask. Coordinates far outside the image are clipped to
/// it first (this keeps the pixels inside the image and bounds the work).
RleMask rleFromPolygon(const Ring &ring, int height, int width);

/// Pixels covered by the union of `rings` on a height x width image, as pycocotools computes a
/// polygon annotation's area (frPyObjects, merge, area). height and width must be >= 1.
double polygonPixelArea(const std::vector<Ring> &rings, int height, int width);

} // namespace florence
