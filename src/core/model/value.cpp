// Value helpers. Layer: core.
#include "core/model/value.hpp"

namespace gloss::core {

const Value* Value::find(std::string_view key) const {
    if (!is_object()) return nullptr;
    for (const auto& [k, v] : as_object())
        if (k == key) return &v;
    return nullptr;
}

std::string_view Value::type_name() const {
    static constexpr std::string_view names[] = {"null",   "boolean", "number",
                                                 "string", "array",   "object"};
    return names[m_data.index()];
}

} // namespace gloss::core
