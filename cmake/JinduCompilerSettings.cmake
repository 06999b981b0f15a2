# Warnings, sanitizers and the compiler cache shared by every target of the project.

find_program(JINDU_CCACHE ccache)
if(JINDU_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${JINDU_CCACHE})
endif()

# Applied to our own targets only (not to generated protobuf code, which we do not control).
add_library(jindu_warnings INTERFACE)
# -Wextra's missing-field-initializers fires on C++20 designated initializers that leave members to
# their declared defaults ({.schema = s}), the idiom our option structs are built for; GCC 12 cannot
# tell the two apart, so that one check is off.
target_compile_options(jindu_warnings INTERFACE -Wall -Wextra -Wno-missing-field-initializers)
if(JINDU_WERROR)
  target_compile_options(jindu_warnings INTERFACE -Werror)
endif()

if(JINDU_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  # GCC 12's instrumentation makes -Wmaybe-uninitialized report false positives inside <regex>.
  target_compile_options(jindu_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
