#pragma once
// Finding entities by id in the small vectors the scenario model keeps them in.

#include <algorithm>
#include <string>
#include <vector>

namespace drillsim {

template <class T>
const T* findById(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

template <class T>
std::vector<std::string> idsOf(const std::vector<T>& items) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const auto& x : items) ids.push_back(x.id);
  return ids;
}

}  // namespace drillsim
