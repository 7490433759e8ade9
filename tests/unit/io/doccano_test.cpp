// doccano JSONL, both variants: UTF-16 offsets by default, code points on request.
#include "io/doccano.hpp"
#include "unit/io/format_fixtures.hpp"

using namespace gloss;

TEST_CASE("doccano round trips in both variants and both offset units",
          "[io][roundtrip][doccano]") {
    auto docs = test::source_documents();
    for (auto variant : {io::DoccanoVariant::Labels, io::DoccanoVariant::Relations})
        for (auto unit : {io::OffsetUnit::Utf16, io::OffsetUnit::CodePoint}) {
            io::DoccanoWriteOptions wo;
            wo.variant = variant;
            wo.offset_unit = unit;
            core::Diagnostics notes;
            std::string out = io::write_doccano(docs, wo, notes);
            io::DoccanoReadOptions ro;
            ro.offset_unit = unit;
            auto back = io::read_doccano(out, ro);
            INFO(test::all_messages(back.diagnostics));
            REQUIRE(back.ok());
            test::Held held;
            held.attrs = held.status = held.origin = held.annotator = false;
            held.span_ids = held.relations = variant == io::DoccanoVariant::Relations;
            CHECK(test::describe(back.documents, held) == test::describe(docs, held));
            std::string all = test::all_messages(notes);
            CHECK_THAT(all, Catch::Contains("doccano cannot hold span attributes: 19 not written"));
            if (unit == io::OffsetUnit::Utf16)
                test::check_golden(
                    "doccano",
                    {{variant == io::DoccanoVariant::Labels ? "labels.jsonl" : "relations.jsonl",
                      out}});
        }
}

TEST_CASE("doccano UTF-16 offsets convert exactly", "[io][offsets][doccano]") {
    // 👍🏽 is two code points and four UTF-16 units.
    auto r = io::read_doccano(R"({"text":"👍🏽 Léa","label":[[5,8,"PERSON"]]})", {});
    REQUIRE(r.ok());
    CHECK(r.documents[0].spans().first()->start == 3);
    io::DoccanoReadOptions cp;
    cp.offset_unit = io::OffsetUnit::CodePoint;
    auto wrong = io::read_doccano(R"({"text":"👍🏽 Léa","label":[[5,8,"PERSON"]]})", cp);
    CHECK_FALSE(wrong.ok());
    CHECK(wrong.diagnostics[0].message == "span end 8 is past the end of the text (6 code points)");
    auto inside = io::read_doccano(R"({"text":"👍 x","label":[[1,4,"X"]]})", {});
    CHECK(inside.diagnostics.at(0).message == "offset 1 (start in utf16) falls inside a character");
}

TEST_CASE("bad doccano lines are all reported", "[io][errors][doccano]") {
    std::string input =
        "{\"text\":\"Refa\",\"label\":[[0,9,\"GPE\"]]}\n"
        "{\"text\":\"Refa\",\"label\":[[3,1,\"GPE\"]]}\n"
        "{\"text\":\"Refa\",\"label\":[[0,4]]}\n"
        "{\"text\":\"ab\",\"entities\":[{\"id\":1,\"start_offset\":0,\"end_offset\":2,\"label\":"
        "\"GPE\"}],"
        "\"relations\":[{\"id\":1,\"from_id\":1,\"to_id\":2,\"type\":\"speaker\"}]}\n"
        "{\"text\":\"fine\",\"label\":[]}\n";
    io::DoccanoReadOptions ro;
    ro.source = "d.jsonl";
    auto r = io::read_doccano(input, ro);
    CHECK(r.documents.size() == 1);
    CHECK(r.skipped_records == 4);
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(
        all, Catch::Contains("d.jsonl:1: span end 9 is past the end of the text (4 UTF-16 units)"));
    CHECK_THAT(all, Catch::Contains("d.jsonl:2: span end 1 is before its start 3"));
    CHECK_THAT(all,
               Catch::Contains("d.jsonl:3: field \"label[0]\" must be [start, end, \"LABEL\"]"));
    CHECK_THAT(all, Catch::Contains("d.jsonl:4: relation 1 points at missing span 2"));
}
