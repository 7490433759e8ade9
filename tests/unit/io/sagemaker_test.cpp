// SageMaker Ground Truth / Mechanical Turk NER manifests.
#include "io/sagemaker.hpp"
#include "unit/io/format_fixtures.hpp"

using namespace gloss;

TEST_CASE("SageMaker manifest round trip holds spans with UTF-16 offsets",
          "[io][roundtrip][sagemaker]") {
    auto docs = test::source_documents();
    core::Diagnostics notes;
    std::string out = io::write_sagemaker(docs, {}, notes);
    test::check_golden("sagemaker", {{"output.manifest", out}});
    CHECK_THAT(test::all_messages(notes),
               Catch::Contains("sagemaker cannot hold relations: 2 not written"));
    auto back = io::read_sagemaker(out, {});
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    test::Held held;
    held.span_ids = held.attrs = held.status = held.origin = held.annotator = false;
    held.relations = held.meta = false;
    CHECK(test::describe(back.documents, held) == test::describe(docs, held));
}

TEST_CASE("SageMaker reads a Mechanical Turk answer and reports bad entities",
          "[io][errors][sagemaker]") {
    std::string input =
        R"({"source":"Léa met 👍🏽 Burns","crowd-entity-annotation":{"entities":[{"label":"PERSON","startOffset":13,"endOffset":18}]}})"
        "\n"
        R"({"source":"Refa","job":{"annotations":{"entities":[{"label":"GPE","startOffset":0,"endOffset":5}]}}})"
        "\n"
        R"({"source":"Refa","job":{"annotations":{"entities":[{"label":"GPE","startOffset":0}]}}})"
        "\n";
    io::SageMakerReadOptions ro;
    ro.source = "out.manifest";
    auto r = io::read_sagemaker(input, ro);
    REQUIRE(r.documents.size() == 1);
    CHECK(std::string(r.documents[0].text().slice(r.documents[0].spans().first()->start,
                                                  r.documents[0].spans().first()->end)) == "Burns");
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(all, Catch::Contains(
                        "out.manifest:2: span end 5 is past the end of the text (4 UTF-16 units)"));
    CHECK_THAT(all, Catch::Contains("out.manifest:3: missing field \"entities[0].endOffset\""));
}
