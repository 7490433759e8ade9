// Value: a JSON-like tree that callers build from whatever they parsed (io converts JSON into
// it), so the core can read structured input without depending on a JSON library.
// Layer: core (std only).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gloss::core {

class Value {
public:
    using Array = std::vector<Value>;
    using Object = std::vector<std::pair<std::string, Value>>; // in source order

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : m_data(b) {}
    Value(double d) : m_data(d) {}
    Value(int i) : m_data(static_cast<double>(i)) {}
    Value(const char* s) : m_data(std::string(s)) {}
    Value(std::string s) : m_data(std::move(s)) {}
    Value(Array a) : m_data(std::move(a)) {}
    Value(Object o) : m_data(std::move(o)) {}

    bool is_null() const { return std::holds_alternative<std::monostate>(m_data); }
    bool is_bool() const { return std::holds_alternative<bool>(m_data); }
    bool is_number() const { return std::holds_alternative<double>(m_data); }
    bool is_string() const { return std::holds_alternative<std::string>(m_data); }
    bool is_array() const { return std::holds_alternative<Array>(m_data); }
    bool is_object() const { return std::holds_alternative<Object>(m_data); }

    bool as_bool() const { return std::get<bool>(m_data); }
    double as_number() const { return std::get<double>(m_data); }
    const std::string& as_string() const { return std::get<std::string>(m_data); }
    const Array& as_array() const { return std::get<Array>(m_data); }
    const Object& as_object() const { return std::get<Object>(m_data); }

    // Member of an object, or nullptr (also when this is not an object).
    const Value* find(std::string_view key) const;
    // "null", "boolean", "number", "string", "array" or "object".
    std::string_view type_name() const;

private:
    std::variant<std::monostate, bool, double, std::string, Array, Object> m_data;
};

} // namespace gloss::core
