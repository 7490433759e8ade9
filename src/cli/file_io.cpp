// File helpers for the CLI: whole-file reads, folders, bounded line reads, atomic writes and
// progress. Layer: cli.
#include "cli/commands.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <unistd.h>

namespace gloss::cli {

namespace fs = std::filesystem;

std::optional<std::string> read_input(const std::string& path) {
    if (path == "-") {
        std::ostringstream out;
        out << std::cin.rdbuf();
        return out.str();
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::cerr << "gloss: " << path << ": is a directory\n";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "gloss: " << path << ": " << std::strerror(errno) << "\n";
        return std::nullopt;
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        std::cerr << "gloss: " << path << ": read error\n";
        return std::nullopt;
    }
    return data;
}

bool is_directory(const std::string& path) {
    std::error_code ec;
    return path != "-" && fs::is_directory(path, ec);
}

std::string read_head(const std::string& path, std::size_t limit) {
    std::ifstream in(path, std::ios::binary);
    std::string out(limit, '\0');
    in.read(out.data(), static_cast<std::streamsize>(limit));
    out.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return out;
}

std::optional<std::vector<io::NamedFile>> read_inputs(const std::string& path) {
    std::vector<io::NamedFile> files;
    if (!is_directory(path)) {
        auto bytes = read_input(path);
        if (!bytes) return std::nullopt;
        files.push_back({path == "-" ? "<stdin>" : path, std::move(*bytes)});
        return files;
    }
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec))
        if (it->is_regular_file(ec)) names.push_back(it->path().string());
    if (ec) {
        std::cerr << "gloss: " << path << ": " << ec.message() << "\n";
        return std::nullopt;
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
        auto bytes = read_input(name);
        if (!bytes) return std::nullopt;
        files.push_back({name, std::move(*bytes)});
    }
    return files;
}

bool write_output(const std::string& path, const std::string& data) {
    if (path == "-") {
        std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }
    std::string temp = path + ".tmp-gloss";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            std::cerr << "gloss: " << path << ": cannot write: " << std::strerror(errno) << "\n";
            return false;
        }
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.flush();
        if (!out) {
            std::cerr << "gloss: " << path << ": write failed\n";
            std::remove(temp.c_str());
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) {
        std::cerr << "gloss: " << path << ": " << ec.message() << "\n";
        std::remove(temp.c_str());
        return false;
    }
    return true;
}

// [SECTION] LineSource

LineSource::LineSource(const std::string& path, std::size_t max_bytes) : m_max(max_bytes) {
    if (path == "-") {
        m_file = stdin;
    } else {
        m_file = std::fopen(path.c_str(), "rb");
        m_close = true;
        if (!m_file) {
            std::cerr << "gloss: " << path << ": " << std::strerror(errno) << "\n";
            m_ok = false;
        }
    }
    m_buffer.resize(1 << 20);
}

LineSource::~LineSource() {
    if (m_close && m_file) std::fclose(m_file);
}

bool LineSource::fill() {
    if (m_eof || !m_file) return false;
    if (m_pos > 0) {
        std::copy(m_buffer.begin() + static_cast<std::ptrdiff_t>(m_pos),
                  m_buffer.begin() + static_cast<std::ptrdiff_t>(m_end), m_buffer.begin());
        m_end -= m_pos;
        m_pos = 0;
    }
    if (m_end == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2);
    std::size_t n = std::fread(m_buffer.data() + m_end, 1, m_buffer.size() - m_end, m_file);
    m_bytes += n;
    m_end += n;
    if (n == 0) m_eof = true;
    return n > 0;
}

bool LineSource::next(std::string& line, std::uint64_t& number, std::size_t& too_long_bytes) {
    too_long_bytes = 0;
    std::size_t skipped = 0; // bytes of an over-long line already thrown away
    while (true) {
        const char* begin = m_buffer.data() + m_pos;
        const char* nl = static_cast<const char*>(std::memchr(begin, '\n', m_end - m_pos));
        if (nl || (m_eof && m_pos < m_end)) {
            std::size_t length = nl ? static_cast<std::size_t>(nl - begin) : m_end - m_pos;
            number = ++m_line;
            if (skipped + length > m_max) {
                too_long_bytes = skipped + length;
                line.clear();
            } else {
                line.assign(begin, length);
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
            }
            m_pos += length + (nl ? 1 : 0);
            return true;
        }
        if (m_eof) return false;
        if (m_end - m_pos > m_max) {
            // Past the limit: keep counting but stop holding the line.
            skipped += m_end - m_pos;
            m_pos = m_end;
        }
        if (!fill() && m_pos >= m_end) {
            if (skipped > 0) {
                number = ++m_line;
                too_long_bytes = skipped;
                line.clear();
                return true;
            }
            return false;
        }
    }
}

// [SECTION] Progress

namespace {

std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

Progress::Progress(std::string what) : m_what(std::move(what)), m_enabled(isatty(2) != 0) {
    m_last_ms = now_ms();
}

void Progress::update(std::uint64_t documents, std::uint64_t bytes) {
    if (!m_enabled) return;
    std::int64_t now = now_ms();
    if (now - m_last_ms < 250) return;
    m_last_ms = now;
    m_shown = true;
    std::fprintf(stderr, "\r%s: %llu documents, %.1f MB", m_what.c_str(),
                 static_cast<unsigned long long>(documents), static_cast<double>(bytes) / 1e6);
    std::fflush(stderr);
}

void Progress::done() {
    if (m_shown) std::fprintf(stderr, "\r\033[K");
    m_shown = false;
}

} // namespace gloss::cli
