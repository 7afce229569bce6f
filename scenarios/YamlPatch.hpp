#pragma once
// Saving a scenario by patching the user's file in place instead of rewriting it.
//
// What it does: `before` and `after` are the canonical YAML of the model as read and as edited
// (scenarioToYaml, every key written out). They are diffed as trees: map entries by key, sequence
// items by their `id` scalar when every item of both sequences is a map with a unique `id`, else by
// index. Keys the user's file omitted (defaults) are in both, so they are no change. Each change is
// then applied to the text of the node at the same path in `original`, located with yaml-cpp's
// marks (a node's start) and by scanning the text for its end, so that everything else (comments,
// key order, flow `{...}`/`[...]` over several lines, blank lines, quoting) stays byte for byte:
//  - a scalar changed: its text replaced, in its quote style (`"`, `'`, or `|`/`>` when the value
//    can be written so), else as YAML::Emitter writes it;
//  - a node changed kind, or a collection that cannot be patched finer (a sequence without ids that
//    changed length, ids reordered): the whole node rewritten, in flow style when it was flow, inline
//    on its key's line or inside a flow collection, else in block style at its indentation;
//  - a key added: a new line `key: value` after the block map's last entry kept (before the
//    comments and blank lines that follow it), or `, key: value` after a flow map's last entry; when
//    the file omits the whole section, the changed part of it is inserted at the nearest map the
//    file has (flow or block as in `after`, at the file's indentation width);
//  - a key removed: its lines (comments above it kept), or its `key: value` and one comma in flow;
//  - a sequence item (by id) added after the item that precedes it in `after`, written like the
//    existing items (`- {id: X, ...}`, or a block map whose values are flow where theirs are), or
//    removed with its lines or its text and one comma; items in both are patched inside.
// The file's line endings (LF or CRLF), final newline, UTF-8 BOM and indentation width are kept.
//
// Limits (ok=false, with the path and the reason): anchors, aliases or tags on a changed path or in
// the text to rewrite; recursive aliases; several documents; mixed line endings; a multi-line plain
// scalar or a `|+` block scalar to rewrite; explicit (`?`) keys where a change lands, non-scalar keys
// anywhere; a file whose structure differs from `before` where a change lands (a sequence by index of
// another length, an item id the file lacks, a scalar where `before` has a map); an edit that would
// empty a block collection, delete a comment next to a flow entry or above a kept entry, or overlap
// another edit.
//
// Fallback: whatever happens, the patched text is parsed again and compared with the file's tree with
// the changes applied (the omitted, unchanged defaults stay omitted); any difference returns ok=false.
// On ok=false the caller rewrites the whole file (scenarioToYaml) as before.
#include <string>

namespace drillsim {

struct YamlPatchResult {
  std::string text;  // the patched file when ok, else `original` unchanged
  bool ok = false;
  std::string why;  // when not ok: the path and why it could not be patched in place
};

/// `original`: the user's file text. `before`: the canonical YAML of the model as it was read from
/// that file. `after`: the canonical YAML of the edited model. Returns `original` with exactly the
/// differences between `before` and `after` applied in place.
YamlPatchResult patchYaml(const std::string& original, const std::string& before, const std::string& after);

}  // namespace drillsim
