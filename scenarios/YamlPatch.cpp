// Patching a YAML file's text with the differences between two canonical versions of its model
// (YamlPatch.hpp says what is handled and what is refused).
//
// Index ([SECTION] below):
//   Paths: map keys, sequence items by id or by index
//   Trees: what a YAML text means, for the final check
//   The diff between before and after
//   Scanning the text: where a node ends
//   Writing new text
//   The patcher
//   Locating (the patcher finds a node's text)
//   Writing (the patcher's text for values and entries)
//   Changes (applied, removed, checked)
//   The file's framing: BOM and line endings

#include "scenarios/YamlPatch.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace drillsim {

namespace {

/// Why a change cannot be made in place; turned into ok=false.
struct PatchError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[noreturn]] void fail(const std::string& why) { throw PatchError(why); }

/// Deeper than this is no scenario: a recursive alias (`&a [*a]`), refused before it recurses forever.
constexpr std::size_t kMaxDepth = 100;
void checkDepth(std::size_t depth) {
  if (depth > kMaxDepth) fail("nested deeper than " + std::to_string(kMaxDepth) + " levels (a recursive alias?)");
}

// [SECTION] Paths: map keys, sequence items by id or by index

enum class StepKind { Key, Id, Index };
struct Step {
  StepKind kind = StepKind::Key;
  std::string name;  // Key: the key, Id: the id
  std::size_t index = 0;
};
using Path = std::vector<Step>;

Step keyStep(const std::string& k) { return {StepKind::Key, k, 0}; }
Step idStep(const std::string& id) { return {StepKind::Id, id, 0}; }
Step indexStep(std::size_t i) { return {StepKind::Index, "", i}; }
Path childPath(Path p, Step s) {
  p.push_back(std::move(s));
  return p;
}
Path prefixOf(const Path& p, std::size_t n) { return Path(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(n)); }

std::string pathText(const Path& p) {
  std::string s;
  for (const auto& step : p) {
    if (step.kind == StepKind::Key) s += (s.empty() ? "" : ".") + step.name;
    else if (step.kind == StepKind::Id) s += "[id=" + step.name + "]";
    else s += "[" + std::to_string(step.index) + "]";
  }
  return s.empty() ? "the document" : s;
}

std::vector<std::pair<YAML::Node, YAML::Node>> entriesOf(const YAML::Node& map) {
  std::vector<std::pair<YAML::Node, YAML::Node>> out;
  for (auto it = map.begin(); it != map.end(); ++it) out.emplace_back(it->first, it->second);
  return out;
}
std::vector<YAML::Node> itemsOf(const YAML::Node& seq) {
  std::vector<YAML::Node> out;
  for (auto it = seq.begin(); it != seq.end(); ++it) out.push_back(*it);
  return out;
}

/// The value under scalar key `key`, if any.
std::optional<YAML::Node> valueOf(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return std::nullopt;
  for (const auto& [k, v] : entriesOf(map))
    if (k.IsScalar() && k.Scalar() == key) return v;
  return std::nullopt;
}
std::optional<std::string> idOf(const YAML::Node& item) {
  const auto id = valueOf(item, "id");
  if (!id || !id->IsScalar()) return std::nullopt;
  return id->Scalar();
}
/// Every item a map with a unique scalar `id`.
bool keyedById(const YAML::Node& seq) {
  std::set<std::string> seen;
  for (const auto& item : itemsOf(seq)) {
    const auto id = idOf(item);
    if (!id || !seen.insert(*id).second) return false;
  }
  return true;
}

/// The index of `step`'s child in a sequence, if any.
std::optional<std::size_t> itemIndex(const YAML::Node& seq, const Step& step) {
  if (!seq.IsSequence()) return std::nullopt;
  const auto items = itemsOf(seq);
  if (step.kind == StepKind::Index) return step.index < items.size() ? std::optional(step.index) : std::nullopt;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (idOf(items[i]) == step.name) return i;
  return std::nullopt;
}
std::optional<YAML::Node> childNode(const YAML::Node& n, const Step& step) {
  if (step.kind == StepKind::Key) return valueOf(n, step.name);
  const auto i = itemIndex(n, step);
  if (!i) return std::nullopt;
  return itemsOf(n)[*i];
}

/// The node at `path` under `n`, if any (walked without assigning a YAML::Node: its assignment
/// overwrites the node it refers to).
std::optional<YAML::Node> nodeAt(const YAML::Node& n, const Path& path, std::size_t from = 0) {
  if (from == path.size()) return n;
  const auto child = childNode(n, path[from]);
  if (!child) return std::nullopt;
  return nodeAt(*child, path, from + 1);
}

// [SECTION] Trees: what a YAML text means, for the final check

struct Tree {
  enum class Kind { Null, Scalar, Seq, Map } kind = Kind::Null;
  std::string scalar;
  std::vector<Tree> items;    // a sequence's
  std::vector<Tree> entries;  // a map's values, each with its key
  std::string key;            // as a map's value: its key
};

/// `value` as `map`'s entry `key`.
void addEntry(Tree& map, const std::string& key, Tree value) {
  value.key = key;
  map.entries.push_back(std::move(value));
}
/// `slot` (a node of a tree) replaced by `value`, under the same key.
void replaceTree(Tree& slot, Tree value) {
  value.key = slot.key;
  slot = std::move(value);
}

Tree toTree(const YAML::Node& n, std::size_t depth = 0) {
  checkDepth(depth);
  Tree t;
  if (n.IsScalar()) {
    t.kind = Tree::Kind::Scalar;
    t.scalar = n.Scalar();
  } else if (n.IsSequence()) {
    t.kind = Tree::Kind::Seq;
    for (const auto& item : itemsOf(n)) t.items.push_back(toTree(item, depth + 1));
  } else if (n.IsMap()) {
    t.kind = Tree::Kind::Map;
    for (const auto& [k, v] : entriesOf(n)) {
      if (!k.IsScalar()) fail("a key that is not a scalar (line " + std::to_string(k.Mark().line + 1) + ")");
      addEntry(t, k.Scalar(), toTree(v, depth + 1));
    }
  }
  return t;
}

const Tree* treeValue(const Tree& map, const std::string& key) {
  for (const auto& e : map.entries)
    if (e.key == key) return &e;
  return nullptr;
}

/// The first path where `a` and `b` differ (maps compared by key, whatever their order).
std::optional<std::string> firstDifference(const Tree& a, const Tree& b, const Path& at) {
  if (a.kind != b.kind) return pathText(at);
  if (a.kind == Tree::Kind::Scalar && a.scalar != b.scalar) return pathText(at);
  if (a.kind == Tree::Kind::Seq) {
    if (a.items.size() != b.items.size()) return pathText(at);
    for (std::size_t i = 0; i < a.items.size(); ++i)
      if (auto d = firstDifference(a.items[i], b.items[i], childPath(at, indexStep(i)))) return d;
  }
  if (a.kind == Tree::Kind::Map) {
    if (a.entries.size() != b.entries.size()) return pathText(at);
    for (const auto& e : a.entries) {
      const Tree* other = treeValue(b, e.key);
      if (!other) return pathText(childPath(at, keyStep(e.key)));
      if (auto d = firstDifference(e, *other, childPath(at, keyStep(e.key)))) return d;
    }
  }
  return std::nullopt;
}

Tree* treeChild(Tree& t, const Step& step) {
  if (step.kind == StepKind::Key) {
    for (auto& e : t.entries)
      if (e.key == step.name) return &e;
    return nullptr;
  }
  if (step.kind == StepKind::Index) return step.index < t.items.size() ? &t.items[step.index] : nullptr;
  for (auto& item : t.items) {
    const Tree* id = treeValue(item, "id");
    if (id && id->kind == Tree::Kind::Scalar && id->scalar == step.name) return &item;
  }
  return nullptr;
}

std::size_t treeItemIndex(Tree& seq, const std::string& id) {
  for (std::size_t i = 0; i < seq.items.size(); ++i)
    if (treeChild(seq, idStep(id)) == &seq.items[i]) return i;
  fail("internal: no item " + id + " in the expected tree");
}

// [SECTION] The diff between before and after

enum class ChangeKind { Replace, AddKey, RemoveKey, AddItems, RemoveItem };
struct Change {
  ChangeKind kind = ChangeKind::Replace;
  Path path;                       // Replace: the node; else the map or the sequence
  std::string name;                // AddKey/RemoveKey: the key; RemoveItem: the id; AddItems: the id after which ("": first)
  std::vector<YAML::Node> nodes;   // Replace/AddKey: the new value; AddItems: the new items
};

bool sameKind(const YAML::Node& a, const YAML::Node& b) { return a.Type() == b.Type(); }

void diffNodes(const YAML::Node& b, const YAML::Node& a, const Path& at, std::vector<Change>& out);

void diffMaps(const YAML::Node& b, const YAML::Node& a, const Path& at, std::vector<Change>& out) {
  const auto be = entriesOf(b), ae = entriesOf(a);
  const auto scalarKeys = [](const auto& entries) {
    return std::all_of(entries.begin(), entries.end(), [](const auto& e) { return e.first.IsScalar(); });
  };
  bool shared = false;
  for (const auto& [k, v] : ae) shared = shared || (scalarKeys(ae) && valueOf(b, k.Scalar()).has_value());
  if (!scalarKeys(be) || !scalarKeys(ae) || (!shared && !be.empty())) {
    out.push_back({ChangeKind::Replace, at, "", {a}});
    return;
  }
  for (const auto& [k, v] : be)
    if (!valueOf(a, k.Scalar())) out.push_back({ChangeKind::RemoveKey, at, k.Scalar(), {}});
  for (const auto& [k, v] : ae) {
    if (const auto old = valueOf(b, k.Scalar())) diffNodes(*old, v, childPath(at, keyStep(k.Scalar())), out);
    else out.push_back({ChangeKind::AddKey, at, k.Scalar(), {v}});
  }
}

/// Items matched by id: removed, kept (diffed), added after the kept item before them.
void diffById(const YAML::Node& b, const YAML::Node& a, const Path& at, std::vector<Change>& out) {
  std::vector<std::string> bIds, aIds, keptInB, keptInA;
  for (const auto& item : itemsOf(b)) bIds.push_back(*idOf(item));
  for (const auto& item : itemsOf(a)) aIds.push_back(*idOf(item));
  const auto has = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (const auto& id : bIds)
    if (has(aIds, id)) keptInB.push_back(id);
  for (const auto& id : aIds)
    if (has(bIds, id)) keptInA.push_back(id);
  if (keptInB != keptInA || aIds.empty() || (keptInA.empty() && !bIds.empty())) {
    out.push_back({ChangeKind::Replace, at, "", {a}});
    return;
  }
  for (const auto& id : bIds)
    if (!has(aIds, id)) out.push_back({ChangeKind::RemoveItem, at, id, {}});
  std::string runAfter;  // the kept item the run of new items follows
  std::vector<YAML::Node> run;
  for (const auto& item : itemsOf(a)) {
    const std::string id = *idOf(item);
    if (!has(bIds, id)) {
      run.push_back(item);
      continue;
    }
    if (!run.empty()) out.push_back({ChangeKind::AddItems, at, runAfter, run});
    run.clear();
    runAfter = id;
    diffNodes(*childNode(b, idStep(id)), item, childPath(at, idStep(id)), out);
  }
  if (!run.empty()) out.push_back({ChangeKind::AddItems, at, runAfter, run});
}

void diffNodes(const YAML::Node& b, const YAML::Node& a, const Path& at, std::vector<Change>& out) {
  checkDepth(at.size());
  if (!sameKind(b, a)) {
    out.push_back({ChangeKind::Replace, at, "", {a}});
  } else if (b.IsScalar()) {
    if (b.Scalar() != a.Scalar()) out.push_back({ChangeKind::Replace, at, "", {a}});
  } else if (b.IsMap()) {
    diffMaps(b, a, at, out);
  } else if (b.IsSequence()) {
    if (keyedById(b) && keyedById(a) && !(b.size() == 0 && a.size() == 0)) {
      diffById(b, a, at, out);
    } else if (b.size() != a.size()) {
      out.push_back({ChangeKind::Replace, at, "", {a}});
    } else {
      for (std::size_t i = 0; i < b.size(); ++i) diffNodes(b[i], a[i], childPath(at, indexStep(i)), out);
    }
  }
}

// [SECTION] Scanning the text: where a node ends

bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isOneOf(char c, const char* set) { return std::string_view(set).find(c) != std::string_view::npos; }
std::string spaces(std::size_t n) { return std::string(n, ' '); }

std::size_t lineStart(const std::string& t, std::size_t p) {
  while (p > 0 && t[p - 1] != '\n') --p;
  return p;
}
std::size_t lineEnd(const std::string& t, std::size_t p) {
  const auto e = t.find('\n', p);
  return e == std::string::npos ? t.size() : e;
}
std::size_t columnOf(const std::string& t, std::size_t p) { return p - lineStart(t, p); }
std::size_t lineNumber(const std::string& t, std::size_t p) {
  return static_cast<std::size_t>(std::count(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(p), '\n')) + 1;
}
bool onlyBlanksBefore(const std::string& t, std::size_t p) {
  for (std::size_t i = lineStart(t, p); i < p; ++i)
    if (!isBlank(t[i])) return false;
  return true;
}
/// A `#` in [from, to) that starts a comment (the range holds no scalar: gaps between entries).
bool hasComment(const std::string& t, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (t[i] == '#' && (i == 0 || isBlank(t[i - 1]) || t[i - 1] == '\n' || t[i - 1] == ',')) return true;
  return false;
}

/// The end of the quoted scalar opening at `p` (after its closing quote).
std::size_t quotedEnd(const std::string& t, std::size_t p) {
  const char q = t[p];
  for (std::size_t i = p + 1; i < t.size(); ++i) {
    if (q == '"' && t[i] == '\\') {
      ++i;
    } else if (t[i] == q) {
      if (q == '\'' && i + 1 < t.size() && t[i + 1] == '\'') ++i;
      else return i + 1;
    }
  }
  fail("a quoted scalar without its closing quote (line " + std::to_string(lineNumber(t, p)) + ")");
}

/// The end of the plain scalar starting at `p`: the end of its line, a ` #` comment, in flow context
/// a flow indicator, and for a key the `:` that follows it.
std::size_t plainEnd(const std::string& t, std::size_t p, bool inFlow, bool asKey) {
  std::size_t i = p;
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\n' || (c == '#' && i > p && isBlank(t[i - 1]))) break;
    if (inFlow && isOneOf(c, ",[]{}")) break;
    const char next = i + 1 < t.size() ? t[i + 1] : '\n';
    if (asKey && c == ':' && (isBlank(next) || next == '\n' || (inFlow && isOneOf(next, ",[]{}")))) break;
  }
  while (i > p && isBlank(t[i - 1])) --i;
  return i;
}

/// The end of the flow collection opening at `p` (after its closing bracket).
std::size_t flowEnd(const std::string& t, std::size_t p) {
  int depth = 0;
  char previous = ' ';
  for (std::size_t i = p; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '#' && (i == 0 || isBlank(t[i - 1]) || t[i - 1] == '\n')) {
      i = lineEnd(t, i) - 1;
      continue;
    }
    if ((c == '"' || c == '\'') && isOneOf(previous, "[{,:")) {
      i = quotedEnd(t, i) - 1;
      previous = c;
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    if ((c == ']' || c == '}') && --depth == 0) return i + 1;
    if (!isBlank(c) && c != '\n') previous = c;
  }
  fail("a flow collection without its closing bracket (line " + std::to_string(lineNumber(t, p)) + ")");
}

/// The end of the block scalar whose header (`|` or `>`) is at `p`, inside a block collection at
/// column `indent`: its last line indented deeper, trailing blank lines not counted.
std::size_t blockScalarEnd(const std::string& t, std::size_t p, long indent) {
  std::size_t end = p + 1;
  while (end < t.size() && (isOneOf(t[end], "+-") || isDigit(t[end]))) {
    if (t[end] == '+') fail("a block scalar kept with '+' (line " + std::to_string(lineNumber(t, p)) + ")");
    ++end;
  }
  for (std::size_t eol = lineEnd(t, p); eol < t.size();) {
    const std::size_t s = eol + 1, e = lineEnd(t, s);
    std::size_t k = s;
    while (k < e && t[k] == ' ') ++k;
    eol = e;
    if (k == e) continue;
    if (static_cast<long>(k - s) <= indent) break;
    end = e;
  }
  return end;
}

// [SECTION] Writing new text

std::string emitted(const YAML::Emitter& e) {
  if (!e.good()) fail("YAML::Emitter: " + e.GetLastError());
  return e.c_str();
}
void requireOneLine(const std::string& s) {
  if (s.find('\n') != std::string::npos) fail("a value the emitter writes on more than one line: " + s);
}

/// A scalar as the emitter writes it, quoted only when needed in its context (block or flow).
std::string scalarText(const std::string& value, bool inFlow) {
  YAML::Emitter e;
  if (inFlow) e << YAML::Flow << YAML::BeginSeq << value << YAML::EndSeq;
  else e << value;
  std::string s = emitted(e);
  if (inFlow) s = s.substr(1, s.size() - 2);
  requireOneLine(s);
  return s;
}
/// A scalar in a given quote style (the emitter falls back to double quotes when it must).
std::string quotedText(const std::string& value, YAML::EMITTER_MANIP style) {
  YAML::Emitter e;
  e << style << value;
  std::string s = emitted(e);
  requireOneLine(s);
  return s;
}
/// A node on one line: scalars as scalarText, collections in flow style.
std::string inlineText(const YAML::Node& n, bool inFlow) {
  if (n.IsScalar()) return scalarText(n.Scalar(), inFlow);
  YAML::Emitter e;
  e << YAML::Flow << YAML::BeginSeq << n << YAML::EndSeq;
  std::string s = emitted(e);
  s = s.substr(1, s.size() - 2);
  requireOneLine(s);
  return s;
}
std::string keyText(const YAML::Node& key, bool inFlow) {
  if (!key.IsScalar()) fail("a new key that is not a scalar");
  return scalarText(key.Scalar(), inFlow);
}

bool isBlockNode(const YAML::Node& n) {
  return (n.IsMap() || n.IsSequence()) && n.size() > 0 && n.Style() != YAML::EmitterStyle::Flow;
}

/// Gives the new node `n` (a clone) the flow or block style of the file's node `like` wherever
/// their structure matches: the items of a sequence follow the existing item with their id, else
/// the existing item at their index or the last one.
void styleLike(YAML::Node n, const YAML::Node& like) {
  const bool maps = n.IsMap() && like.IsMap(), seqs = n.IsSequence() && like.IsSequence();
  if (!maps && !seqs) return;
  const bool flow = like.Style() == YAML::EmitterStyle::Flow;
  n.SetStyle(flow ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block);
  if (flow) return;
  if (maps) {
    for (const auto& [k, v] : entriesOf(n))
      if (const auto old = k.IsScalar() ? valueOf(like, k.Scalar()) : std::nullopt) styleLike(v, *old);
    return;
  }
  const auto olds = itemsOf(like), items = itemsOf(n);
  for (std::size_t i = 0; i < items.size() && !olds.empty(); ++i) {
    const auto id = idOf(items[i]);
    const auto old = id ? childNode(like, idStep(*id)) : std::nullopt;
    styleLike(items[i], old ? *old : olds[std::min(i, olds.size() - 1)]);
  }
}

/// Splits a folded scalar's text at single spaces (never next to another space, so that each break
/// folds back to that one space) into lines of at most `width` bytes where a word allows.
std::vector<std::string> foldedLines(const std::string& body, std::size_t width) {
  std::vector<std::size_t> breaks;
  for (std::size_t i = 1; i + 1 < body.size(); ++i)
    if (body[i] == ' ' && body[i - 1] != ' ' && body[i + 1] != ' ') breaks.push_back(i);
  breaks.push_back(body.size());
  std::vector<std::string> lines;
  std::size_t start = 0;
  std::optional<std::size_t> previous;
  for (const std::size_t b : breaks) {
    if (b - start > width && previous) {
      lines.push_back(body.substr(start, *previous - start));
      start = *previous + 1;
    }
    previous = b;
  }
  lines.push_back(body.substr(start));
  return lines;
}

// [SECTION] The patcher

struct Span {
  std::size_t begin = 0, end = 0;
};

/// A node of the original file and how it sits in its parent. Never assigned (YAML::Node's
/// assignment would overwrite the node it refers to): made whole, copied by construction.
struct Place {
  YAML::Node node;
  YAML::Node key;           // when a map's value
  bool inMap = false;       // a map's value
  bool inSeq = false;       // a sequence's item
  bool inFlow = false;      // inside a flow collection
  long indent = -1;         // the column of the block collection holding it, -1 at the root
  std::size_t index = 0;    // its position in the parent
};

/// A path followed in the original: the root's place, then one place per step followed.
struct Resolved {
  std::vector<Place> chain;
  bool complete = false;  // every step followed
  std::size_t depth() const { return chain.size() - 1; }
  const Place& place() const { return chain.back(); }
  const Place& parent() const { return chain[chain.size() - 2]; }
};

struct Edit {
  std::size_t begin = 0, end = 0;
  std::string text;
  std::size_t order = 0;
};

/// Entries of one collection to delete, gathered so that neighbours are deleted together.
struct Removal {
  Place collection;
  std::set<std::size_t> indices;
  std::string path;
};

class Patcher {
 public:
  Patcher(std::string text, const std::string& before, const std::string& after)
      : t_(std::move(text)), orig_(loadOne(t_, "the file")), before_(loadOne(before, "before")),
        after_(loadOne(after, "after")), expected_(toTree(orig_)) {
    width_ = indentWidth(orig_);
  }
  std::string run();

 private:
  static YAML::Node loadOne(const std::string& text, const std::string& what);
  std::size_t indentWidth(const YAML::Node& root) const;
  std::string where(std::size_t pos) const { return " (line " + std::to_string(lineNumber(t_, pos)) + ")"; }

  // Locating nodes.
  Resolved resolve(const Path& path) const;
  std::optional<Place> childPlace(const Place& parent, const Step& step, const YAML::Node* beforeNode,
                                  const Path& at) const;
  void checkPlain(const YAML::Node& n, const Path& at) const;
  void checkNoAnchors(Span s, const std::string& at) const;
  Span span(const Place& p) const;
  Span nodeSpan(const YAML::Node& n, const YAML::Node* key, bool inFlow, long indent) const;
  Span scalarSpan(const YAML::Node& n, bool inFlow, long indent) const;
  std::size_t colonAfter(const YAML::Node& key, bool inFlow) const;
  std::size_t dashOf(std::size_t itemPos) const;
  std::vector<Span> entrySpans(const Place& collection) const;
  Place entryPlace(const Place& collection, std::size_t i) const;

  // Writing.
  std::string blockText(const YAML::Node& n, std::size_t col) const;
  std::string scalarReplacement(const Place& p, Span s, const std::string& value) const;
  std::optional<std::string> blockScalarText(const Place& p, Span s, const std::string& value) const;
  std::string entryText(const YAML::Node& key, const YAML::Node& value, std::size_t col, bool inFlow) const;
  void edit(std::size_t begin, std::size_t end, std::string text) {
    edits_.push_back({begin, end, std::move(text), edits_.size()});
  }

  // Changes.
  void apply(const Change& c, const std::vector<Change>& all);
  void replaceAt(const Place& p, const YAML::Node& value, const Path& at);
  void replaceBlockCollection(const Place& p, Span s, const YAML::Node& value, const Path& at);
  void insertKey(const Place& map, const std::string& key, const YAML::Node& value, const Path& at);
  void insertMissing(const Resolved& r, const Path& target, const std::vector<Change>& all);
  YAML::Node missingValue(const Path& prefix, const std::vector<Change>& all) const;
  void insertItems(const Place& seq, const std::string& afterId, const std::vector<YAML::Node>& items, const Path& at);
  std::string itemText(const Place& seq, const YAML::Node& like, const YAML::Node& item) const;
  void queueRemoval(const Resolved& r, const Path& target);
  void removeBlockEntries(const Removal& r);
  void removeFlowEntries(const Removal& r);
  Tree& expectedAt(const Path& at);

  std::string applyEdits() const;
  void verify(const std::string& patched) const;

  std::string t_;
  YAML::Node orig_, before_, after_;
  Tree expected_;
  std::size_t width_ = 2;
  std::vector<Edit> edits_;
  std::map<std::string, Removal> removals_;
  std::set<std::string> inserted_;
};

YAML::Node Patcher::loadOne(const std::string& text, const std::string& what) {
  const auto docs = YAML::LoadAll(text);
  if (docs.size() != 1) fail(what + " holds " + std::to_string(docs.size()) + " YAML documents, not one");
  return docs.front();
}

/// The file's indentation step: the smallest indentation of a block collection under its key.
std::size_t Patcher::indentWidth(const YAML::Node& root) const {
  std::size_t width = 0;
  std::vector<std::pair<YAML::Node, std::size_t>> todo{{root, 0}};  // nodes and their depths
  while (!todo.empty()) {
    const YAML::Node n = todo.back().first;
    const std::size_t depth = todo.back().second;
    todo.pop_back();
    checkDepth(depth);
    if (n.IsSequence())
      for (const auto& item : itemsOf(n)) todo.emplace_back(item, depth + 1);
    if (!n.IsMap()) continue;
    for (const auto& [k, v] : entriesOf(n)) {
      todo.emplace_back(v, depth + 1);
      const std::size_t kp = k.Mark().pos, vp = v.Mark().pos;
      if (!isBlockNode(v) || kp >= t_.size() || vp >= t_.size() || lineStart(t_, vp) <= kp) continue;
      const std::size_t kc = columnOf(t_, kp), vc = columnOf(t_, vp);
      if (vc > kc && (width == 0 || vc - kc < width)) width = vc - kc;
    }
  }
  return width == 0 ? 2 : width;
}

// [SECTION] Locating

void Patcher::checkPlain(const YAML::Node& n, const Path& at) const {
  if (n.IsNull()) return;
  const std::size_t p = n.Mark().pos;
  if (p >= t_.size()) fail(pathText(at) + ": cannot find it in the file");
  if (isOneOf(t_[p], "&*!?"))
    fail(pathText(at) + ": an anchor, alias, tag or explicit key" + where(p) + ", not patched in place");
}

/// Refuses to rewrite text holding an anchor or an alias (another part of the file may refer to it).
void Patcher::checkNoAnchors(Span s, const std::string& at) const {
  char previous = ' ';
  for (std::size_t i = s.begin; i < s.end; ++i) {
    const char c = t_[i];
    const bool tokenStart = i == s.begin || isBlank(previous) || previous == '\n' || isOneOf(previous, "[{,-:?");
    if (c == '#' && (isBlank(previous) || previous == '\n' || i == s.begin)) {
      i = std::min(lineEnd(t_, i), s.end) - 1;
    } else if ((c == '"' || c == '\'') && tokenStart) {
      i = std::min(quotedEnd(t_, i), s.end) - 1;
    } else if ((c == '&' || c == '*') && tokenStart && i + 1 < s.end && !isBlank(t_[i + 1]) && t_[i + 1] != '\n') {
      fail(at + ": an anchor or alias in the text to change" + where(i) + ", not patched in place");
    }
    previous = t_[i];
  }
}

std::optional<Place> Patcher::childPlace(const Place& parent, const Step& step, const YAML::Node* beforeNode,
                                         const Path& at) const {
  const YAML::Node& n = parent.node;
  const bool inFlow = parent.inFlow || n.Style() == YAML::EmitterStyle::Flow;
  const long indent = inFlow ? parent.indent : static_cast<long>(columnOf(t_, n.Mark().pos));
  if (step.kind == StepKind::Key) {
    const auto entries = entriesOf(n);
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (entries[i].first.IsScalar() && entries[i].first.Scalar() == step.name)
        return Place{entries[i].second, entries[i].first, true, false, inFlow, indent, i};
    return std::nullopt;
  }
  if (step.kind == StepKind::Index && beforeNode && beforeNode->size() != n.size())
    fail(pathText(at) + ": the file has " + std::to_string(n.size()) + " items where the model read has " +
         std::to_string(beforeNode->size()));
  const auto i = itemIndex(n, step);
  if (!i) fail(pathText(childPath(at, step)) + ": no such item in the file");
  return Place{itemsOf(n)[*i], YAML::Node(), false, true, inFlow, indent, *i};
}

/// Follows `path` in the original, as far as the file has it. A missing key stops it; a missing
/// item, or a node of another kind than the path needs, is an error.
Resolved Patcher::resolve(const Path& path) const {
  Resolved r;
  checkPlain(orig_, {});
  r.chain.push_back(Place{orig_, YAML::Node(), false, false, false, -1, 0});
  for (std::size_t i = 0; i < path.size(); ++i) {
    const Step& step = path[i];
    const Path at = prefixOf(path, i);
    const YAML::Node& n = r.place().node;
    if ((step.kind == StepKind::Key && !n.IsMap()) || (step.kind != StepKind::Key && !n.IsSequence()))
      fail(pathText(at) + ": the file has a " + (n.IsScalar() ? "scalar" : n.IsNull() ? "null" : "collection") +
           " of another kind here than the model read" + where(n.Mark().pos));
    const auto b = nodeAt(before_, at);
    const auto child = childPlace(r.place(), step, b && b->IsSequence() ? &*b : nullptr, at);
    if (!child) return r;
    checkPlain(child->node, prefixOf(path, i + 1));
    r.chain.push_back(*child);
  }
  r.complete = true;
  return r;
}

std::size_t Patcher::colonAfter(const YAML::Node& key, bool inFlow) const {
  std::size_t p = key.Mark().pos;
  if (isOneOf(t_[p], "&*!?")) fail("an anchor, tag or explicit key before a key" + where(p));
  std::size_t e = (t_[p] == '"' || t_[p] == '\'') ? quotedEnd(t_, p) : plainEnd(t_, p, inFlow, true);
  if (t_[p] != '"' && t_[p] != '\'' && t_.compare(p, e - p, key.Scalar()) != 0)
    fail("a key spanning lines" + where(p));
  while (e < t_.size() && isBlank(t_[e])) ++e;
  if (e >= t_.size() || t_[e] != ':') fail("cannot find the ':' after the key " + key.Scalar() + where(p));
  return e;
}

/// The `-` of a block sequence item starting at `itemPos`.
std::size_t Patcher::dashOf(std::size_t itemPos) const {
  std::size_t d = itemPos;
  while (d > 0 && (isBlank(t_[d - 1]) || t_[d - 1] == '\n')) --d;
  if (d == 0 || t_[d - 1] != '-') fail("cannot find the '-' of a sequence item" + where(itemPos));
  return d - 1;
}

Span Patcher::scalarSpan(const YAML::Node& n, bool inFlow, long indent) const {
  const std::size_t p = n.Mark().pos;
  const char c = t_[p];
  if (c == '"' || c == '\'') {
    const Span s{p, quotedEnd(t_, p)};
    if (YAML::Load(t_.substr(p, s.end - p)).Scalar() != n.Scalar()) fail("a quoted scalar read otherwise" + where(p));
    return s;
  }
  if (c == '|' || c == '>') {
    if (inFlow) fail("a block scalar inside a flow collection" + where(p));
    return {p, blockScalarEnd(t_, p, indent)};
  }
  const Span s{p, plainEnd(t_, p, inFlow, false)};
  if (t_.compare(p, s.end - p, n.Scalar()) != 0) fail("a plain scalar spanning lines" + where(p));
  return s;
}

/// The text of a node: from its first character to its last (a block collection's last entry's).
Span Patcher::nodeSpan(const YAML::Node& n, const YAML::Node* key, bool inFlow, long indent) const {
  if (n.IsNull()) {
    if (!key) fail("an empty sequence item" + where(n.Mark().pos));
    const std::size_t colon = colonAfter(*key, inFlow);
    std::size_t p = colon + 1;
    while (p < t_.size() && isBlank(t_[p])) ++p;
    for (const std::string word : {"~", "null", "Null", "NULL"})
      if (t_.compare(p, word.size(), word) == 0 && plainEnd(t_, p, inFlow, false) == p + word.size())
        return {p, p + word.size()};
    return {colon + 1, colon + 1};
  }
  const std::size_t p = n.Mark().pos;
  if (p >= t_.size() || isOneOf(t_[p], "&*!?")) fail("an anchor, alias, tag or explicit key" + where(p));
  if (n.IsScalar()) return scalarSpan(n, inFlow, indent);
  const bool flow = n.Style() == YAML::EmitterStyle::Flow;
  if (flow != (t_[p] == '[' || t_[p] == '{')) fail("a collection not where its mark says" + where(p));
  if (flow) return {p, flowEnd(t_, p)};
  const long col = static_cast<long>(columnOf(t_, p));
  if (n.IsMap()) {
    const auto entries = entriesOf(n);
    return {p, nodeSpan(entries.back().second, &entries.back().first, false, col).end};
  }
  return {p, nodeSpan(itemsOf(n).back(), nullptr, false, col).end};
}

Span Patcher::span(const Place& p) const {
  return nodeSpan(p.node, p.inMap ? &p.key : nullptr, p.inFlow, p.indent);
}

Place Patcher::entryPlace(const Place& collection, std::size_t i) const {
  const Step step = collection.node.IsMap() ? keyStep(entriesOf(collection.node)[i].first.Scalar()) : indexStep(i);
  return *childPlace(collection, step, nullptr, {});
}

/// Each entry's text: a map's from its key to its value's end, a sequence's item (block: from its dash).
std::vector<Span> Patcher::entrySpans(const Place& collection) const {
  std::vector<Span> out;
  const std::size_t n = collection.node.size();
  const bool flow = collection.node.Style() == YAML::EmitterStyle::Flow;
  for (std::size_t i = 0; i < n; ++i) {
    const Place e = entryPlace(collection, i);
    Span s = span(e);
    if (e.inMap) s.begin = e.key.Mark().pos;
    else if (!flow) s.begin = dashOf(s.begin);
    out.push_back(s);
  }
  return out;
}

// [SECTION] Writing

/// `n` in block style, its first line starting where the caller stands, its other lines at `col`.
std::string Patcher::blockText(const YAML::Node& n, std::size_t col) const {
  std::string out;
  bool first = true;
  const auto newline = [&](std::size_t c) {
    if (!first) out += "\n" + spaces(c);
    first = false;
  };
  if (n.IsMap()) {
    for (const auto& [k, v] : entriesOf(n)) {
      newline(col);
      out += entryText(k, v, col, false);
    }
    return out;
  }
  for (const auto& item : itemsOf(n)) {
    newline(col);
    out += "- " + (isBlockNode(item) ? blockText(item, col + 2) : inlineText(item, false));
  }
  return out;
}

/// `key: value` in a block map at column `col` (a block value on the lines below) or in flow.
std::string Patcher::entryText(const YAML::Node& key, const YAML::Node& value, std::size_t col, bool inFlow) const {
  const std::string k = keyText(key, inFlow) + ":";
  if (!inFlow && isBlockNode(value)) return k + "\n" + spaces(col + width_) + blockText(value, col + width_);
  return k + " " + inlineText(value, inFlow);
}

/// The new text of a scalar, in the original's quote style when it can be written so.
std::string Patcher::scalarReplacement(const Place& p, Span s, const std::string& value) const {
  const char c = t_[s.begin];
  if (c == '"') return quotedText(value, YAML::DoubleQuoted);
  if (c == '\'') return quotedText(value, YAML::SingleQuoted);
  if (c == '|' || c == '>')
    if (auto text = blockScalarText(p, s, value)) return *text;
  return scalarText(value, p.inFlow);
}

/// `value` as a block scalar in the style of the one at `s` (literal or folded, clipped or
/// stripped, its comment and content indentation kept), or nothing when it cannot be written so.
std::optional<std::string> Patcher::blockScalarText(const Place& p, Span s, const std::string& value) const {
  const bool literal = t_[s.begin] == '|';
  std::size_t h = s.begin + 1;
  while (h < t_.size() && isOneOf(t_[h], "+-")) ++h;
  if (h < t_.size() && isDigit(t_[h])) return std::nullopt;
  const std::string comment = t_.substr(h, lineEnd(t_, s.begin) - h);
  std::size_t indent = static_cast<std::size_t>(p.indent + static_cast<long>(width_));
  for (std::size_t l = lineEnd(t_, s.begin); l < s.end; l = lineEnd(t_, l + 1)) {
    const std::size_t b = l + 1, e = lineEnd(t_, b);
    std::size_t k = b;
    while (k < e && t_[k] == ' ') ++k;
    if (k < e) {
      indent = k - b;
      break;
    }
  }
  const bool clip = !value.empty() && value.back() == '\n';
  const std::string body = clip ? value.substr(0, value.size() - 1) : value;
  if (body.empty() || body.back() == '\n' || isBlank(body.front()) || body.find('\r') != std::string::npos)
    return std::nullopt;
  std::vector<std::string> lines;
  if (literal) {
    for (std::size_t b = 0, e; b <= body.size(); b = e + 1) {
      e = std::min(body.find('\n', b), body.size());
      lines.push_back(body.substr(b, e - b));
    }
  } else {
    if (body.find_first_of("\n\t") != std::string::npos || body.back() == ' ') return std::nullopt;
    std::size_t longest = 40;  // the original's widest content line, so that the text wraps as it did
    for (std::size_t l = lineEnd(t_, s.begin); l < s.end; l = lineEnd(t_, l + 1)) {
      const std::size_t length = lineEnd(t_, l + 1) - (l + 1);
      if (length > indent) longest = std::max(longest, length - indent);
    }
    lines = foldedLines(body, longest);
  }
  std::string out = std::string(literal ? "|" : ">") + (clip ? "" : "-") + comment;
  for (const auto& line : lines) out += "\n" + (line.empty() ? "" : spaces(indent) + line);
  return out;
}

// [SECTION] Changes

Tree& Patcher::expectedAt(const Path& at) {
  Tree* t = &expected_;
  for (const auto& step : at) {
    t = treeChild(*t, step);
    if (!t) fail("internal: " + pathText(at) + " is not in the expected tree");
  }
  return *t;
}

void Patcher::apply(const Change& c, const std::vector<Change>& all) {
  const bool entry = c.kind == ChangeKind::AddKey || c.kind == ChangeKind::RemoveKey || c.kind == ChangeKind::RemoveItem;
  const Path target = !entry ? c.path : childPath(c.path, c.kind == ChangeKind::RemoveItem ? idStep(c.name) : keyStep(c.name));
  const Resolved r = resolve(target);
  if (c.kind == ChangeKind::RemoveKey || c.kind == ChangeKind::RemoveItem) {
    if (r.complete) queueRemoval(r, target);  // else the file has it not: nothing to remove
  } else if (r.complete && c.kind == ChangeKind::AddItems) {
    insertItems(r.place(), c.name, c.nodes, c.path);
  } else if (r.complete) {
    replaceAt(r.place(), c.nodes.front(), target);  // AddKey of a key the file has: a style difference
    replaceTree(expectedAt(target), toTree(c.nodes.front()));
  } else if (c.kind == ChangeKind::AddKey && r.depth() == c.path.size()) {
    insertKey(r.place(), c.name, c.nodes.front(), target);
    addEntry(expectedAt(c.path), c.name, toTree(c.nodes.front()));
  } else {
    insertMissing(r, target, all);
  }
}

void Patcher::replaceAt(const Place& p, const YAML::Node& value, const Path& at) {
  const Span s = span(p);
  checkNoAnchors(s, pathText(at));
  const bool block = !p.inFlow && (p.node.IsMap() || p.node.IsSequence()) && p.node.Style() != YAML::EmitterStyle::Flow;
  if (block) return replaceBlockCollection(p, s, value, at);
  std::string text = value.IsScalar() && p.node.IsScalar() ? scalarReplacement(p, s, value.Scalar())
                                                           : inlineText(value, p.inFlow);
  if (s.begin == s.end) text = " " + text;  // after `key:` with no value
  edit(s.begin, s.end, text);
}

/// A block collection replaced: in block style at its column, or by a one-line value on its key's
/// (or dash's) line, the comment there kept.
void Patcher::replaceBlockCollection(const Place& p, Span s, const YAML::Node& value, const Path& at) {
  YAML::Node n = YAML::Clone(value);
  styleLike(n, p.node);
  if (n.IsMap() || n.IsSequence()) n.SetStyle(YAML::EmitterStyle::Block);
  if (isBlockNode(n)) return edit(s.begin, s.end, blockText(n, columnOf(t_, s.begin)));
  std::size_t onKeyLine = 0;
  if (p.inMap) onKeyLine = colonAfter(p.key, false) + 1;
  else if (p.inSeq) onKeyLine = dashOf(s.begin) + 1;
  if (lineStart(t_, onKeyLine) == lineStart(t_, s.begin)) return edit(s.begin, s.end, inlineText(n, false));
  std::string rest = t_.substr(onKeyLine, lineEnd(t_, onKeyLine) - onKeyLine);
  if (rest.find_first_not_of(" \t") == std::string::npos) rest.clear();
  else if (rest.find('#') == std::string::npos) fail(pathText(at) + ": unexpected text after its key" + where(onKeyLine));
  edit(onKeyLine, s.end, " " + inlineText(n, false) + rest);
}

void Patcher::insertKey(const Place& map, const std::string& key, const YAML::Node& value, const Path& at) {
  if (!map.node.IsMap()) fail(pathText(at) + ": the file has no map here to add the key to");
  const bool flow = map.node.Style() == YAML::EmitterStyle::Flow;
  const YAML::Node k(key);
  if (map.node.size() == 0) {
    if (!flow) fail(pathText(at) + ": an empty block map");
    return edit(map.node.Mark().pos + 1, map.node.Mark().pos + 1, entryText(k, value, 0, true));
  }
  const auto spans = entrySpans(map);
  if (flow) return edit(spans.back().end, spans.back().end, ", " + entryText(k, value, 0, true));
  // After the last entry kept (a map's removals are queued before what is added to it).
  std::size_t last = spans.size() - 1;
  if (const auto removal = removals_.find(pathText(prefixOf(at, at.size() - 1))); removal != removals_.end())
    while (last > 0 && removal->second.indices.count(last)) --last;
  const std::size_t col = columnOf(t_, map.node.Mark().pos), eol = lineEnd(t_, spans[last].end);
  edit(eol, eol, "\n" + spaces(col) + entryText(k, value, col, false));
}

/// A change under a key the file omits: the key inserted at the deepest map the file has, holding
/// only what changed (once for all the changes under it).
void Patcher::insertMissing(const Resolved& r, const Path& target, const std::vector<Change>& all) {
  const std::size_t depth = r.depth();
  if (target[depth].kind != StepKind::Key) fail(pathText(target) + ": not in the file");
  const Path prefix = prefixOf(target, depth + 1);
  if (!inserted_.insert(pathText(prefix)).second) return;
  const YAML::Node value = missingValue(prefix, all);
  insertKey(r.place(), prefix.back().name, value, prefix);
  addEntry(expectedAt(prefixOf(prefix, depth)), prefix.back().name, toTree(value));
}

bool startsWith(const Path& p, const Path& prefix) {
  if (p.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (p[i].kind != prefix[i].kind || p[i].name != prefix[i].name || p[i].index != prefix[i].index) return false;
  return true;
}

/// After's value at `prefix`, cut down to the maps leading to the changes under it (whole below a
/// sequence or at a changed node).
YAML::Node Patcher::missingValue(const Path& prefix, const std::vector<Change>& all) const {
  const auto whole = nodeAt(after_, prefix);
  if (!whole) fail(pathText(prefix) + ": not in the edited model");
  std::vector<Path> targets;
  for (const auto& c : all) {
    if (c.kind == ChangeKind::RemoveKey || c.kind == ChangeKind::RemoveItem) continue;
    const Path target = c.kind == ChangeKind::AddKey ? childPath(c.path, keyStep(c.name)) : c.path;
    if (!startsWith(target, prefix)) continue;
    for (std::size_t i = prefix.size(); i < target.size(); ++i)
      if (target[i].kind != StepKind::Key) return YAML::Clone(*whole);
    targets.push_back(Path(target.begin() + static_cast<std::ptrdiff_t>(prefix.size()), target.end()));
  }
  const auto cut = [](const auto& self, const YAML::Node& node, const std::vector<Path>& under,
                       std::size_t depth) -> YAML::Node {
    const bool changedHere = std::any_of(under.begin(), under.end(), [&](const Path& t) { return t.size() == depth; });
    if (!node.IsMap() || changedHere) return YAML::Clone(node);
    YAML::Node out(YAML::NodeType::Map);
    out.SetStyle(node.Style());
    for (const auto& [k, v] : entriesOf(node)) {
      std::vector<Path> below;
      for (const auto& t : under)
        if (t[depth].name == k.Scalar()) below.push_back(t);
      if (!below.empty()) out[k.Scalar()] = self(self, v, below, depth + 1);
    }
    return out;
  };
  return cut(cut, *whole, targets, 0);
}

/// New items after the item `afterId` (first when empty), written like the existing items.
void Patcher::insertItems(const Place& seq, const std::string& afterId, const std::vector<YAML::Node>& items,
                          const Path& at) {
  if (!seq.node.IsSequence()) fail(pathText(at) + ": the file has no sequence here to add items to");
  std::optional<std::size_t> previous;
  if (!afterId.empty() && !(previous = itemIndex(seq.node, idStep(afterId))))
    fail(pathText(childPath(at, idStep(afterId))) + ": no such item in the file");
  Tree& expected = expectedAt(at);
  auto slot = expected.items.begin() + static_cast<std::ptrdiff_t>(afterId.empty() ? 0 : treeItemIndex(expected, afterId) + 1);
  for (const auto& item : items) slot = expected.items.insert(slot, toTree(item)) + 1;
  std::string text;
  if (seq.node.Style() == YAML::EmitterStyle::Flow) {
    for (const auto& item : items) text += (text.empty() && !previous ? "" : ", ") + inlineText(item, true);
    if (seq.node.size() == 0) return edit(seq.node.Mark().pos + 1, seq.node.Mark().pos + 1, text);
    const auto spans = entrySpans(seq);
    if (previous) return edit(spans[*previous].end, spans[*previous].end, text);
    return edit(spans.front().begin, spans.front().begin, text + ", ");
  }
  const auto spans = entrySpans(seq);
  const YAML::Node like = itemsOf(seq.node)[previous.value_or(0)];
  const std::size_t col = columnOf(t_, seq.node.Mark().pos);
  for (const auto& item : items)
    text += previous ? "\n" + spaces(col) + itemText(seq, like, item) : spaces(col) + itemText(seq, like, item) + "\n";
  const std::size_t pos = previous ? lineEnd(t_, spans[*previous].end) : lineStart(t_, spans.front().begin);
  edit(pos, pos, text);
}

/// A new item of a block sequence: `- ` and the item in the style of the existing item `like`.
std::string Patcher::itemText(const Place& seq, const YAML::Node& like, const YAML::Node& item) const {
  YAML::Node n = YAML::Clone(item);
  styleLike(n, like);
  const std::size_t likePos = like.Mark().pos, dash = dashOf(likePos);
  const std::size_t offset = lineStart(t_, dash) == lineStart(t_, likePos) ? likePos - dash : 2;
  const std::string head = "-" + spaces(offset - 1);
  if (!isBlockNode(n)) return head + inlineText(n, false);
  return head + blockText(n, columnOf(t_, seq.node.Mark().pos) + offset);
}

void Patcher::queueRemoval(const Resolved& r, const Path& target) {
  const Path parentPath = prefixOf(target, target.size() - 1);
  const auto slot = removals_.try_emplace(pathText(parentPath), Removal{r.parent(), {}, pathText(parentPath)}).first;
  slot->second.indices.insert(r.place().index);
  Tree& parent = expectedAt(parentPath);
  if (target.back().kind == StepKind::Key) {
    const auto it = std::find_if(parent.entries.begin(), parent.entries.end(),
                                 [&](const Tree& e) { return e.key == target.back().name; });
    if (it != parent.entries.end()) parent.entries.erase(it);
  } else {
    parent.items.erase(parent.items.begin() + static_cast<std::ptrdiff_t>(treeItemIndex(parent, target.back().name)));
  }
}

/// Block entries deleted with their lines; the first entry of a map on its item's dash line
/// (`- id: A`) up to the next entry kept.
void Patcher::removeBlockEntries(const Removal& r) {
  const auto spans = entrySpans(r.collection);
  if (r.indices.size() == spans.size()) fail(r.path + ": would leave an empty block collection, not patched in place");
  std::set<std::size_t> done;
  for (const std::size_t i : r.indices) {
    if (done.count(i)) continue;
    const Span s = spans[i];
    checkNoAnchors(s, r.path);
    if (onlyBlanksBefore(t_, s.begin)) {
      std::size_t b = lineStart(t_, s.begin), e = lineEnd(t_, s.end);
      if (e < t_.size()) ++e;
      else if (b > 0) --b;  // the file's last line, without a newline: it keeps none
      edit(b, e, "");
      continue;
    }
    if (!r.collection.node.IsMap()) fail(r.path + ": a sequence item not on its own line" + where(s.begin));
    std::size_t j = i + 1;
    while (j < spans.size() && r.indices.count(j)) {
      checkNoAnchors(spans[j], r.path);
      done.insert(j++);
    }
    if (j == spans.size() || hasComment(t_, lineEnd(t_, spans[j - 1].end), lineStart(t_, spans[j].begin)))
      fail(r.path + ": a comment above the entry after the one to delete" + where(s.begin));
    edit(s.begin, spans[j].begin, "");
  }
}

/// Flow entries deleted with one comma: each run of them from the end of the entry before it, or
/// (first, or a comment there) up to the entry after it.
void Patcher::removeFlowEntries(const Removal& r) {
  const auto spans = entrySpans(r.collection);
  const auto clean = [&](std::size_t from, std::size_t to) {  // no comment in the gaps after entries from..to-1
    for (std::size_t k = from; k < to; ++k)
      if (hasComment(t_, spans[k].end, spans[k + 1].begin)) return false;
    return true;
  };
  for (const std::size_t i : r.indices) checkNoAnchors(spans[i], r.path);
  if (r.indices.size() == spans.size()) {
    if (!clean(0, spans.size() - 1)) fail(r.path + ": a comment between the entries to delete");
    return edit(spans.front().begin, spans.back().end, "");
  }
  for (std::size_t a = 0; a < spans.size(); ++a) {
    if (!r.indices.count(a)) continue;
    std::size_t z = a;
    while (z + 1 < spans.size() && r.indices.count(z + 1)) ++z;
    if (a > 0 && clean(a - 1, z)) edit(spans[a - 1].end, spans[z].end, "");
    else if (z + 1 < spans.size() && clean(a, z + 1)) edit(spans[a].begin, spans[z + 1].begin, "");
    else fail(r.path + ": a comment next to the entry to delete" + where(spans[a].begin));
    a = z;
  }
}

std::string Patcher::applyEdits() const {
  auto edits = edits_;
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return std::tie(a.begin, a.end, a.order) < std::tie(b.begin, b.end, b.order);
  });
  std::string out;
  std::size_t at = 0;
  for (const auto& e : edits) {
    if (e.begin < at) fail("two changes overlap in the text" + where(e.begin) + ", not patched in place");
    out.append(t_, at, e.begin - at);
    out += e.text;
    at = e.end;
  }
  out.append(t_, at, std::string::npos);
  return out;
}

/// The patched text must read as the file's tree with the changes applied.
void Patcher::verify(const std::string& patched) const {
  const auto read = [&] {
    try {
      return toTree(loadOne(patched, "the patched text"));
    } catch (const YAML::Exception& e) {
      fail(std::string("the patched text does not read as YAML (") + e.what() + "), not patched in place");
    }
  };
  if (const auto d = firstDifference(read(), expected_, {}))
    fail(*d + ": the patched text does not read back as the edited model, not patched in place");
}

std::string Patcher::run() {
  std::vector<Change> changes;
  diffNodes(before_, after_, {}, changes);
  for (const auto& c : changes) apply(c, changes);
  for (const auto& [path, removal] : removals_) {
    if (removal.collection.node.Style() == YAML::EmitterStyle::Flow) removeFlowEntries(removal);
    else removeBlockEntries(removal);
  }
  std::string out = applyEdits();
  verify(out);
  return out;
}

// [SECTION] The file's framing: BOM and line endings

struct Framing {
  std::string text;  // without BOM, LF line endings
  bool bom = false, crlf = false;
};

std::string withoutCarriageReturns(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

Framing unframe(const std::string& original) {
  Framing f;
  f.text = original;
  if (f.text.rfind("\xEF\xBB\xBF", 0) == 0) {
    f.bom = true;
    f.text.erase(0, 3);
  }
  std::size_t crlf = 0, lf = 0;
  for (std::size_t i = 0; i < f.text.size(); ++i) {
    if (f.text[i] == '\n') ++(i > 0 && f.text[i - 1] == '\r' ? crlf : lf);
    else if (f.text[i] == '\r' && (i + 1 == f.text.size() || f.text[i + 1] != '\n'))
      fail("a carriage return without a line feed (line " + std::to_string(lineNumber(f.text, i)) + ")");
  }
  if (crlf > 0 && lf > 0) fail("the file mixes LF and CRLF line endings");
  f.crlf = crlf > 0;
  if (f.crlf) f.text = withoutCarriageReturns(f.text);
  return f;
}

std::string reframe(const std::string& text, const Framing& f) {
  std::string out = f.bom ? "\xEF\xBB\xBF" : "";
  for (const char c : text) out += f.crlf && c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

}  // namespace

YamlPatchResult patchYaml(const std::string& original, const std::string& before, const std::string& after) {
  try {
    const Framing framing = unframe(original);
    Patcher patcher(framing.text, withoutCarriageReturns(before), withoutCarriageReturns(after));
    return {reframe(patcher.run(), framing), true, ""};
  } catch (const PatchError& e) {
    return {original, false, e.what()};
  } catch (const YAML::Exception& e) {
    return {original, false, std::string("YAML: ") + e.what()};
  }
}

}  // namespace drillsim
