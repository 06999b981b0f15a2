#include "jinductl/display_width.h"

namespace jindu::jinductl {
namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// East Asian Wide (W) and Fullwidth (F) blocks of Unicode's EastAsianWidth.txt, coarsened to
// blocks; exact enough for Chinese text, full-width punctuation and emoji.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// Combining marks and zero-width characters.
constexpr Range kZero[] = {
    {0x0300, 0x036F}, {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2064},
    {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0x20D0, 0x20FF},
};

bool In(const Range* begin, const Range* end, char32_t code_point) {
  for (const Range* range = begin; range != end; ++range) {
    if (code_point >= range->first && code_point <= range->last) return true;
  }
  return false;
}

}  // namespace

int CodePointWidth(char32_t code_point) {
  if (code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0)) return 0;
  if (In(std::begin(kZero), std::end(kZero), code_point)) return 0;
  if (In(std::begin(kWide), std::end(kWide), code_point)) return 2;
  return 1;
}

size_t DisplayWidth(std::string_view utf8) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    int length = lead < 0x80           ? 1
                 : (lead >> 5) == 0x6  ? 2
                 : (lead >> 4) == 0xE  ? 3
                 : (lead >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + static_cast<size_t>(length) > utf8.size()) {
      ++width;  // a stray byte: one column, as terminals show a replacement character
      ++i;
      continue;
    }
    char32_t code_point = length == 1 ? lead : lead & (0xFF >> (length + 1));
    bool valid = true;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + static_cast<size_t>(k)]);
      if ((next & 0xC0) != 0x80) valid = false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (!valid) {
      ++width;
      ++i;
      continue;
    }
    width += static_cast<size_t>(CodePointWidth(code_point));
    i += static_cast<size_t>(length);
  }
  return width;
}

}  // namespace jindu::jinductl
