# The English lexicon the Assist detectors use, generated at build time from Debian's wamerican
# word list by scripts/make_lexicon.py into ${GLOSS_LEXICON} (never committed).
find_program(GLOSS_PYTHON3 python3 REQUIRED)
set(GLOSS_WORDLIST "/usr/share/dict/american-english" CACHE FILEPATH "Word list (Debian wamerican)")
set(GLOSS_LEXICON "${CMAKE_BINARY_DIR}/assets/lexicon.txt")
add_custom_command(
  OUTPUT "${GLOSS_LEXICON}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/assets"
  COMMAND "${GLOSS_PYTHON3}" "${CMAKE_SOURCE_DIR}/scripts/make_lexicon.py" "${GLOSS_WORDLIST}" "${GLOSS_LEXICON}"
  DEPENDS "${GLOSS_WORDLIST}" "${CMAKE_SOURCE_DIR}/scripts/make_lexicon.py"
  COMMENT "Generating the English lexicon from ${GLOSS_WORDLIST}")
add_custom_target(gloss_lexicon ALL DEPENDS "${GLOSS_LEXICON}")
