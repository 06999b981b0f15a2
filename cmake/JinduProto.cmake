# jindu_add_proto_library(<target> ROOT <dir> PROTOS <files...> [DEPS <targets>])
# Generates C++ message and gRPC code for the given .proto files (paths relative to ROOT) and wraps it
# in one static library. Generated code is compiled without our warning flags.
function(jindu_add_proto_library target)
  cmake_parse_arguments(ARG "" "ROOT" "PROTOS;DEPS" ${ARGN})
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${out_dir})
  set(sources)
  foreach(proto IN LISTS ARG_PROTOS)
    string(REGEX REPLACE "\\.proto$" "" stem ${proto})
    set(generated
        ${out_dir}/${stem}.pb.cc ${out_dir}/${stem}.pb.h
        ${out_dir}/${stem}.grpc.pb.cc ${out_dir}/${stem}.grpc.pb.h)
    add_custom_command(
      OUTPUT ${generated}
      COMMAND ${JINDU_PROTOC} --proto_path=${ARG_ROOT} --cpp_out=${out_dir} --grpc_out=${out_dir}
              --plugin=protoc-gen-grpc=${JINDU_GRPC_CPP_PLUGIN} ${ARG_ROOT}/${proto}
      DEPENDS ${ARG_ROOT}/${proto}
      COMMENT "protoc ${proto}"
      VERBATIM)
    list(APPEND sources ${out_dir}/${stem}.pb.cc ${out_dir}/${stem}.grpc.pb.cc)
  endforeach()
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${out_dir})
  target_link_libraries(${target} PUBLIC PkgConfig::GRPCPP PkgConfig::PROTOBUF ${ARG_DEPS})
endfunction()
