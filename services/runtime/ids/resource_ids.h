#pragma once
// Resource ids the service assigns ("organizations/{id}", "volunteers/{id}"): 20 random lower-case
// letters and digits (about 103 bits), so an id reveals nothing about the person or the order of
// registration, and ids of a volunteer can be used as pseudonyms in events.
#include <string>
#include <string_view>

namespace jindu::runtime {

std::string NewResourceId();
// "volunteers/abc" with prefix "volunteers/" -> "abc"; empty when the name does not have the prefix
// or the id is not 1..40 characters of [a-z0-9-].
std::string ResourceIdFromName(std::string_view name, std::string_view collection_prefix);

}  // namespace jindu::runtime
