#include "cli/support.h"

#include <fstream>
#include <iostream>
#include <iterator>

namespace plenum::cli {

int fail(const Error& e) {
  std::cerr << "错误 / error: " << e.message_zh << " / " << e.message_en;
  if (!e.field.empty()) std::cerr << " [" << e.field << "]";
  std::cerr << "\n";
  for (const auto& d : e.details) {
    std::cerr << "  ";
    if (d.line) std::cerr << "line " << d.line << " ";
    if (!d.field.empty()) std::cerr << "(" << d.field << ") ";
    std::cerr << d.message_zh << " / " << d.message_en << "\n";
  }
  return 1;
}

Result<std::string> read_file(const std::string& file) {
  std::string text;
  if (file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
    return text;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ErrorCode::kNotFound, "无法读取文件 " + file, "cannot read " + file, "file");
  text.assign(std::istreambuf_iterator<char>(in), {});
  return text;
}

}  // namespace plenum::cli
