#include <doctest/doctest.h>

#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/data/corpus_default.h"
#include "core/util/files.h"
#include "core/util/paths.h"

using namespace attend;
using namespace attend::data;
namespace fs = std::filesystem;

namespace {

void put(const std::string& path, const std::string& text) {
  REQUIRE(make_directories(fs::path(path).parent_path().string()).ok());
  REQUIRE(write_file_atomic(path, text).ok());
}

}  // namespace

TEST_CASE("default corpus: the bench recipe on a fake Debian tree") {
  const std::string root = attend::data_dir() + "/fake_debian";
  fs::remove_all(root);
  put(root + "/usr/share/common-licenses/B-License", "Permission is granted.\n\n  \nTo copy, it.\nThe END\n");
  put(root + "/usr/share/common-licenses/A-License", "All rights reserved\n");
  fs::create_symlink("A-License", root + "/usr/share/common-licenses/Link");  // skipped: a symlink
  put(root + "/usr/share/games/fortunes/wisdom", "Don't panic!\n%\nx\n%\nKnow thyself; Ναι ok.\n");
  put(root + "/usr/share/games/fortunes/wisdom.dat", "binary index");  // skipped
  put(root + "/usr/share/games/fortunes/wisdom.u8", "utf-8 copy");     // skipped
  const std::string jargon = root + "/usr/share/doc/jargon-text/jargon.txt.gz";
  REQUIRE(make_directories(fs::path(jargon).parent_path().string()).ok());
  gzFile gz = gzopen(jargon.c_str(), "wb");
  const std::string jt = "hacker: n.\nOne who enjoys it.\n\nkludge n. a hack\n";
  gzwrite(gz, jt.data(), static_cast<unsigned>(jt.size()));
  gzclose(gz);

  const DefaultCorpusSources s = find_default_corpus_sources(root);
  CHECK(s.missing.empty());
  CHECK(s.message.empty());
  REQUIRE(s.sources.size() == 4);
  CHECK(fs::path(s.sources[0].path).filename() == "A-License");  // sorted, symlink left out
  CHECK(fs::path(s.sources[1].path).filename() == "B-License");
  CHECK(s.sources[2].split == DocumentSplit::Cookies);

  const std::string out = root + "/out/corpus.txt";
  auto r = assemble_corpus(s.sources, out);
  REQUIRE(r.ok());
  auto text = read_file(out);
  REQUIRE(text.ok());
  // Paragraphs split at whitespace-only lines; cookies at "%"; one-token pieces ("x", "the end" counts 2) kept
  // only with 2+ tokens; non-ASCII letters separate words in the bench recipe.
  CHECK(*text ==
        "all rights reserved\n"
        "permission is granted\n"
        "to copy it the end\n"
        "don't panic\n"
        "know thyself ok\n"
        "hacker n one who enjoys it\n"
        "kludge n a hack\n");
  CHECK(r->lines == 7);
  CHECK(r->words_by_group.at("fortunes") == 5);
  CHECK(r->words_by_group.at("jargon") == 10);
}

TEST_CASE("default corpus: missing packages are named with the command to install them") {
  const DefaultCorpusSources s = find_default_corpus_sources(attend::data_dir() + "/no_such_root");
  CHECK(s.sources.empty());
  CHECK(s.missing.size() == 3);
  CHECK(s.message.find("apt-get install fortunes jargon-text") != std::string::npos);
}

TEST_CASE("default corpus: on this machine it is byte for byte the bench's corpus.txt") {
  const char* shared = std::getenv("ATTEND_SHARED_DIR");
  const std::string bench = std::string(shared ? shared : ATTEND_SHARED_DIR_DEFAULT) + "/bench/data/corpus.txt";
  const DefaultCorpusSources s = find_default_corpus_sources();
  if (!s.missing.empty() || !fs::exists(bench)) {
    MESSAGE("skipped: needs fortunes, jargon-text and " << bench);
    return;
  }
  const std::string out = attend::data_dir() + "/corpus/default.txt";
  auto r = assemble_corpus(s.sources, out, {}, 20 << 20);
  REQUIRE(r.ok());
  CHECK(r->words == 705599);
  CHECK(*read_file(out) == *read_file(bench));
}
