#pragma once
// Terminal display width of UTF-8 text: CJK ideographs, kana, hangul and full-width forms take two
// columns, combining marks none. Tables pad by this width, not by bytes or code points, so that
// Chinese labels line up (a wcwidth for the ranges jindu's text uses, independent of the locale).
#include <cstddef>
#include <string_view>

namespace jindu::jinductl {

// Columns one code point takes: 0, 1 or 2.
int CodePointWidth(char32_t code_point);

// Columns the text takes; invalid UTF-8 bytes count one column each.
size_t DisplayWidth(std::string_view utf8);

}  // namespace jindu::jinductl
