// File helpers for the CLI: whole-file reads and atomic writes. Layer: cli.
#include "cli/commands.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace gloss::cli {

std::optional<std::string> read_input(const std::string& path) {
    if (path == "-") {
        std::ostringstream out;
        out << std::cin.rdbuf();
        return out.str();
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
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
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::cerr << "gloss: " << path << ": " << ec.message() << "\n";
        std::remove(temp.c_str());
        return false;
    }
    return true;
}

} // namespace gloss::cli
