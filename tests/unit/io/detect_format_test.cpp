// Telling formats apart by content: doccano or Prodigy files named .jsonl, Label Studio and
// project files named .json, a record that fits two, and annotations no format reads.
#include "io/format.hpp"

#include <catch2/catch.hpp>

using namespace gloss;

namespace {

std::string detected(std::string_view name, std::string_view bytes) {
    io::DetectedFormat d = io::detect_format(name, bytes);
    if (d.format) return std::string(d.format->name);
    std::string out;
    for (const io::Format* f : d.candidates)
        out += (out.empty() ? "" : " or ") + std::string(f->name);
    return out.empty() ? "?" : out;
}

} // namespace

TEST_CASE("a file's format is told by its content when its name is generic", "[io][detect]") {
    const std::string gloss =
        R"({"id":"a","text":"Zoë met Ahmed","spans":[{"start":0,"end":3,"label":"PERSON"}]})";
    const std::string doccano = "\xEF\xBB\xBF"
                                R"({"id":1,"text":"Zoë met Ahmed","label":[[0,3,"PER"]]})";
    const std::string doccano_rel =
        R"({"text":"Zoë met Ahmed","entities":[{"id":1,"start_offset":0,"end_offset":3,"label":"PER"}],"relations":[]})";
    const std::string prodigy =
        R"({"text":"Zoë met Ahmed","tokens":[{"text":"Zoë","start":0,"end":3,"id":0,"ws":true}],"spans":[{"start":0,"end":3,"label":"PERSON","token_start":0,"token_end":0}],"_task_hash":1})";
    const std::string sagemaker =
        R"({"source":"Zoë met Ahmed","ner":{"annotations":{"entities":[]}},"ner-metadata":{}})";
    const std::string studio = R"([{"id":1,"data":{"text":"Zoë"},"annotations":[]}])";
    const std::string project = "{\n  \"format\": 1,\n  \"documents\": []\n}\n";
    CHECK(detected("export.jsonl", gloss) == "jsonl");
    CHECK(detected("export.jsonl", "\n\n" + doccano + "\n") == "doccano");
    CHECK(detected("export.ndjson", doccano_rel) == "doccano-rel");
    CHECK(detected("annotations.jsonl", prodigy) == "prodigy");
    CHECK(detected("output.jsonl", sagemaker) == "sagemaker");
    CHECK(detected("tasks.json", studio) == "labelstudio");
    CHECK(detected("backup.json", project) == "project");
    CHECK(detected("texts.jsonl", R"({"id":"a","text":"only a text"})") == "jsonl");
    // Fits two: asked about.
    CHECK(
        detected(
            "both.jsonl",
            R"({"text":"Zoë","spans":[{"start":0,"end":3,"label":"PERSON"}],"label":[[0,3,"PER"]]})") ==
        "jsonl or doccano");
    // A format's own extension wins over the content.
    CHECK(detected("x.doccano.jsonl", gloss) == "doccano");
    CHECK(detected("x.conll", "EU B-ORG\n") == "conll");
    CHECK(detected("notes.md", "# hello") == "?");
}

TEST_CASE("annotations in members a format does not read are named", "[io][detect]") {
    const io::Format& jsonl = *io::find_format("jsonl");
    std::string bytes = R"({"id":"a","text":"Zoë met Ahmed","ner":[[0,3,"PER"]],"meta":{"x":"y"}})"
                        "\n"
                        R"({"id":"b","text":"Ahmed","ner":[],"entities_v2":{"a":1},"_hash":[1]})"
                        "\n";
    CHECK(io::unread_annotation_members(jsonl, bytes) ==
          std::vector<std::string>{"\"ner\" (a list of 1)", "\"entities_v2\" (an object of 1)"});
    CHECK(io::unread_annotation_members(jsonl, R"({"id":"a","text":"t","spans":[]})").empty());
    CHECK(io::unread_annotation_members(*io::find_format("conll"), bytes).empty());
}
