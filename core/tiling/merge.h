#pragma once
// Tiled inference, part 2: merging the shapes of all tiles (already in image pixels) into one set.
//
// Design note. Three things happen to an object near a tile border, and each has its rule:
//  1. It lies inside the overlap and both tiles see it whole: a duplicate. Boxes of one label with
//     IoU >= iouThreshold are one object: NMS keeps the best (highest score; without scores the
//     one not touching an inner tile edge, then the larger), WBF averages their corners weighted
//     by score. OCR quads additionally need similar text (one contains the other, or edit
//     distance <= 30 % of the longer text).
//  2. A tile cuts it: the tile's piece touches that tile's inner edge (an edge that is not the
//     image border), within `edgeTolerance` pixels or two of the tile's location bins. A cut piece mostly inside (intersection over
//     the piece's area >= containThreshold) a larger shape of the same label from another tile is
//     dropped: the other tile saw more of it. Two cut pieces of the same label facing each other
//     across a border (one cut on its right/bottom, the other on its left/top; they overlap or
//     meet there; their extents across the border overlap by >= alignThreshold of the smaller)
//     are joined into one: boxes into their union, OCR lines into one quad whose text joins both
//     texts, dropping the longest suffix of the first that starts the second (the overlap strip
//     was read twice), polygons into the union of their rings.
//  3. Polygons of one label must, besides facing each other as cut pieces, really touch: once
//     rasterised, they meet after a dilation of edgeTolerance; their union's outer contours are
//     the joined polygon.
// Shapes of the full-image pass are never "cut"; they take part in rules 1 and 2 as the larger
// shape. Rules run in the order: containment (2), joining (2, 3; repeated until nothing joins, so
// an object across four tiles becomes one), then duplicate removal (1), so that two cut pieces
// that overlap a lot are joined rather than one of them dropped as a duplicate. Tried and dropped: SAHI's greedy
// merging on intersection-over-smaller alone, which joins neighbouring words of a text line
// and never joins a long object cut by a border whose pieces share only the overlap strip.

#include "annotate/annotation.h"
#include "tiling/tiler.h"

#include <string>
#include <vector>

namespace florence {

/// How duplicate boxes are reduced.
enum class BoxMerge {
    Nms,  ///< class-aware non-maximum suppression: keep the best box of a cluster
    Wbf,  ///< weighted box fusion: corners averaged weighted by score (1 when unscored)
};

/// "nms" / "wbf"; inverse throws Error(BadInput) naming the value.
const char *toString(BoxMerge merge);
BoxMerge boxMergeFromString(const std::string &name);

/// Thresholds of the merge rules (see the file comment).
struct MergeOptions
{
    BoxMerge boxMerge = BoxMerge::Nms;
    double iouThreshold = 0.5;      ///< duplicates: IoU of the bounding boxes
    double containThreshold = 0.8;  ///< a cut piece inside a larger shape: intersection / piece area
    double alignThreshold = 0.5;    ///< joining: overlap across the border / the smaller extent
    /// Pixels: how close to an inner tile edge counts as cut; at least two of the tile's location
    /// bins (2 * side / 1000), since the model can only say where an edge is to a bin.
    double edgeTolerance = 4.0;
    double textSimilarity = 0.7;    ///< OCR duplicates: 1 - edit distance / longer length
};

/// The shapes one tile produced, in image pixels.
struct TileShapes
{
    Tile tile;
    std::vector<Shape> shapes;
};

/// Counts of one merge.
struct MergeStats
{
    int input = 0;        ///< shapes from all tiles
    int contained = 0;    ///< cut pieces dropped inside a larger shape
    int joined = 0;       ///< joins of two pieces into one
    int duplicates = 0;   ///< shapes removed (NMS) or fused (WBF) as duplicates
    int output = 0;
};

/// Merges the shapes of all tiles of a `imageWidth` x `imageHeight` image (see the file comment).
/// Kinds never mix: a box only merges with boxes, a quad with quads, a polygon with polygons.
/// Output order: by tile order of each result's first piece, then by its order in that tile.
std::vector<Shape> mergeTileShapes(const std::vector<TileShapes> &tiles, int imageWidth, int imageHeight,
                                   const MergeOptions &options = {}, MergeStats *stats = nullptr);

/// The longest suffix of `a` that is a prefix of `b` (byte length, whole UTF-8 characters,
/// at least `minLength` bytes); 0 when none.
std::size_t textOverlap(const std::string &a, const std::string &b, std::size_t minLength = 2);
/// Joins an OCR line read in two pieces: `left` + `right` without the overlap textOverlap()
/// finds; with no overlap, separated by one space (none when either side is empty).
std::string joinLineText(const std::string &left, const std::string &right);
/// Levenshtein distance over UTF-8 bytes, each string capped at 4096 bytes.
std::size_t editDistance(const std::string &a, const std::string &b);

} // namespace florence
