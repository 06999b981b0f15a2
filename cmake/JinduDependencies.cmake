# Every third-party library, found once and exposed as an imported target.
# Debian's gRPC and protobuf ship pkg-config files only.

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(GRPCPP REQUIRED IMPORTED_TARGET grpc++)
pkg_check_modules(PROTOBUF REQUIRED IMPORTED_TARGET protobuf)
pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(UUID REQUIRED IMPORTED_TARGET uuid)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(OpenSSL REQUIRED)
find_package(prometheus-cpp REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(GTest REQUIRED)

# Reflection has no pkg-config file in Debian; it sits beside grpc++.
find_library(GRPCPP_REFLECTION_LIBRARY NAMES grpc++_reflection REQUIRED)

find_program(JINDU_PROTOC protoc REQUIRED)
find_program(JINDU_GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)
