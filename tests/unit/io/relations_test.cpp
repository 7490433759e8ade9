// Relations of any type (not only a quote's speaker) through every format that holds relations:
// written, read back, the same type between the same spans.
#include "io/format.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <tuple>

using namespace gloss;

namespace {

core::Document article() {
    core::Document doc("geneva",
                       core::Text("Amina Dussault of the Trade Ministry spoke in Geneva."));
    auto add = [&](std::uint32_t start, std::uint32_t end, const char* label) {
        core::Span s;
        s.start = start;
        s.end = end;
        s.label = label;
        return doc.add_span(std::move(s)).id;
    };
    core::SpanId person = add(0, 14, "PERSON");
    core::SpanId org = add(22, 36, "ORG");
    core::SpanId place = add(46, 52, "GPE");
    for (auto [type, from, to] :
         {std::tuple{"member_of", person, org}, std::tuple{"located_in", org, place},
          std::tuple{"located_in", person, place}}) {
        core::Relation r;
        r.type = type;
        r.from = from;
        r.to = to;
        REQUIRE(doc.add_relation(r).ok());
    }
    return doc;
}

// (type, from text, to text) of every relation.
std::multimap<std::string, std::pair<std::string, std::string>> relations(const core::Document& d) {
    std::multimap<std::string, std::pair<std::string, std::string>> out;
    for (const auto& [id, r] : d.relations()) {
        const core::Span* a = d.spans().find(r.from);
        const core::Span* b = d.spans().find(r.to);
        REQUIRE(a);
        REQUIRE(b);
        out.insert({r.type,
                    {std::string(d.text().slice(a->start, a->end)),
                     std::string(d.text().slice(b->start, b->end))}});
    }
    return out;
}

} // namespace

TEST_CASE("every format that holds relations keeps relations of any type", "[io][relations]") {
    std::vector<core::Document> docs{article()};
    auto expected = relations(docs[0]);
    REQUIRE(expected.size() == 3);
    for (const char* name :
         {"jsonl", "project", "labelstudio", "doccano-rel", "brat", "prodigy", "w3c"}) {
        INFO("format " << name);
        const io::Format* format = io::find_format(name);
        REQUIRE(format);
        REQUIRE(format->write);
        REQUIRE(format->read);
        io::ExportResult written = format->write(docs, {});
        REQUIRE(written.ok());
        io::ImportResult read = format->read(written.files, {});
        REQUIRE(read.ok());
        REQUIRE(read.documents.size() == 1);
        CHECK(relations(read.documents[0]) == expected);
    }
}
