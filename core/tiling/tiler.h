#pragma once
// Tiled inference, part 1: where the tiles are. Plans a grid of overlapping tiles over a large
// image (tile size in source pixels or an N x M grid, plus an optional full-image pass), crops
// tiles and user regions out of the decoded image, and maps shapes and parsed answers from tile
// (crop) pixels back to image pixels. Torch-free; the GUI draws planTiles() as its grid preview.
//
// Coordinates: every rectangle and shape here is in pixels of the image as displayed, i.e. the
// RgbImage decodeImageFile() returns with the EXIF orientation applied (see image/decode.h). A tile
// is a plain crop of those pixels, so tile -> image is a translation by the tile's origin; no
// rotation is ever involved, whatever the file's EXIF orientation was.

#include "annotate/annotation.h"
#include "image/decode.h"
#include "tasks/postprocess.h"

#include <string>
#include <vector>

namespace florence {

/// An integer pixel rectangle of the displayed image: x, y of the top-left pixel, width, height.
struct PixelRect
{
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;

    int right() const { return x + width; }   ///< one past the last column
    int bottom() const { return y + height; } ///< one past the last row
    bool operator==(const PixelRect &o) const { return x == o.x && y == o.y && width == o.width && height == o.height; }
};

/// One tile of a plan.
struct Tile
{
    PixelRect rect;          ///< the crop, in image pixels
    int row = 0;             ///< 0-based grid row (the full-image pass has row = col = -1)
    int col = 0;             ///< 0-based grid column
    bool fullImage = false;  ///< the optional full-image pass (rect = the whole image)
};

/// How to cut an image into tiles. Defaults (documented in docs/tiling.md): 1024-pixel square tiles
/// with 128 pixels of overlap. At Florence-2's 768 x 768 input a 1024 tile is seen at 0.75 scale,
/// so 10-pt text of a 300-dpi scan (~40 px line height) stays ~30 px high; an A4 page at 300 dpi
/// (2480 x 3508) gives 3 x 4 = 12 tiles, a 6000 x 4000 photo 7 x 5 = 35 tiles.
struct TilingOptions
{
    int tileSize = 1024;     ///< tile side in source pixels (used when gridCols/gridRows are 0); >= 64
    int gridCols = 0;        ///< N of an N x M grid (columns); 0: derive from tileSize
    int gridRows = 0;        ///< M of an N x M grid (rows); 0: derive from tileSize
    /// Overlap between neighbouring tiles: >= 1 is pixels, 0 < v < 1 a fraction of the tile side,
    /// 0 none. Must be smaller than half a tile (so a tile's interior is never covered twice over).
    double overlap = 128.0;
    bool fullPass = false;   ///< also run the whole image (catches objects larger than a tile)

    /// Throws Error(BadInput) naming the field when a value is out of range (tileSize < 64 or
    /// > kMaxImageSide, a grid side of 1..256 given for one axis only or out of range, negative or
    /// too large overlap).
    void validate() const;
};

/// The tiles of a `width` x `height` image, row-major (left to right, top to bottom), then the
/// full-image pass when asked. Tiles of one row share y and height, tiles of one column x and
/// width; they cover the image exactly, neighbours overlap by the requested overlap (more where
/// the image does not divide evenly: the tiles are spread so that every one has the full size and
/// the last one ends at the image edge). A side shorter than the tile becomes one tile of that
/// side. Throws Error(BadInput) for a non-positive size and as TilingOptions::validate().
std::vector<Tile> planTiles(int width, int height, const TilingOptions &options);

/// The overlap in pixels that `options` asks for with tiles of side `tileSide` (fraction resolved).
int overlapPixels(const TilingOptions &options, int tileSide);

/// Parses "NxM" (columns x rows, e.g. "3x4", also "3X4"); throws Error(BadInput) naming `what` and the text.
std::pair<int, int> parseGrid(const std::string &text, const std::string &what = "--tiles");
/// Parses an overlap given as pixels ("128") or a fraction ("0.1", "10%"); throws Error(BadInput).
double parseOverlap(const std::string &text, const std::string &what = "--overlap");

/// The pixels of `rect` (clamped to the image) as a new image. Throws Error(BadInput) when the
/// clamped rectangle is empty.
RgbImage cropImage(const RgbImage &image, const PixelRect &rect);

/// A shape in crop pixels moved to image pixels (adds the crop origin to every coordinate).
Shape shapeToImage(const Shape &shape, const PixelRect &crop);
/// Every instance of a parsed answer moved from crop pixels to image pixels (boxes, quads, rings).
void translateResult(PostprocessResult &result, double dx, double dy);

/// Region crops for region tasks: the region grown by `margin` on every side (a fraction of the
/// region's larger side when < 1, pixels otherwise; at least 16 px), clamped to the image, in whole
/// pixels. The region task then runs on that crop at full resolution instead of on the 768 x 768
/// thumbnail of the whole image. Throws Error(BadInput) when the region does not intersect the image.
PixelRect regionCropRect(const Box &region, int imageWidth, int imageHeight, double margin = 0.25);
/// `region` re-expressed in the pixels of `crop` (subtracts the crop origin).
Box regionInCrop(const Box &region, const PixelRect &crop);

} // namespace florence
