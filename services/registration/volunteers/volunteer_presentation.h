#pragma once
// A stored volunteer as the API shows it: the basic view masks the ID number and phone and leaves
// out what is derived from the ID number (birth date, sex); the full view shows everything.
#include "jindu/registration/v1/volunteer.pb.h"
#include "registration/storage/volunteer_store.h"

namespace jindu::registration {

v1::Volunteer PresentVolunteer(const StoredVolunteer& stored, bool full);

}  // namespace jindu::registration
