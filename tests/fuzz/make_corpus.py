#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/) from the readable
samples below: protobuf text format encoded with protoc, prefixed by the method selector byte for
the per-service request targets. Run from anywhere after changing a sample:

    tests/fuzz/make_corpus.py

Seeds are small, mostly valid inputs (and a few near misses): the fuzzer mutates from them, and
the replay (tools/fuzz.sh) runs each as a regression test."""
import hashlib
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO = os.path.join(HERE, "..", "..", "proto")
CORPUS = os.path.join(HERE, "corpus")

DATE = "{ year: 2026 month: 3 day: 14 }"


def encode(message, text):
    files = {
        "jindu.registration": "jindu/registration/v1/registration_service.proto",
        "jindu.registration.v1.Import": "jindu/registration/v1/region_service.proto",
        "jindu.casework.v1.CreateTip": "jindu/casework/v1/tip_service.proto",
        "jindu.casework.v1.ListTips": "jindu/casework/v1/tip_service.proto",
        "jindu.casework.v1.RecordTip": "jindu/casework/v1/tip_service.proto",
        "jindu.casework": "jindu/casework/v1/casework_service.proto",
        "jindu.publicity": "jindu/publicity/v1/publicity_service.proto",
        "jindu.reporting.v1.Compute": "jindu/reporting/v1/reporting_service.proto",
        "jindu.reporting": "jindu/reporting/v1/assessment_service.proto",
        "jindu.events": "jindu/events/v1/envelope.proto",
    }
    proto = next(f for prefix, f in sorted(files.items(), key=lambda x: -len(x[0]))
                 if message.startswith(prefix))
    run = subprocess.run(["protoc", "--proto_path=" + PROTO, "--encode=" + message, proto],
                         input=text.encode(), capture_output=True)
    if run.returncode != 0:
        sys.exit(f"{message}: {run.stderr.decode()}")
    return run.stdout


def write(target, data):
    directory = os.path.join(CORPUS, target)
    os.makedirs(directory, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(directory, name), "wb") as file:
        file.write(data)


def requests(target, samples):
    for selector, message, text in samples:
        write(target, bytes([selector]) + encode(message, text))
        write(target, bytes([selector]))  # the empty request


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)

    for text in ["430102198503151009", "43010219850315100X", "43010219850315100x",
                 "430102198503151008", "430102199902301001", "430102203001011001",
                 "11010519491231002X", "4301021985031510", " 430102198503151009", "+8613987659999",
                 "13987659999", "8613987659999", ""]:
        write("national_id", text.encode())

    for text in [
            "code,name,level,parent,valid_from,valid_to,members,successors\n"
            "430000,湖南省,province,,2000-01-01,,,\n430100,长沙市,city,430000,2000-01-01,,,\n"
            "430102,芙蓉区,county,430100,2000-01-01,,,\n",
            "code,name,level,parent,valid_from,valid_to\r\n430102001,\"街道, \"\"一\"\"\",township,"
            "430102,2000-01-01,2030-01-01\r\n",
            "\ufeffcode,name,level,parent,valid_from,valid_to,members\nZ43001,开发区,special_zone,"
            "430100,2010-05-01,,430102;430103\n",
            "code,year,population,students_enrolled\n430102,2025,620000,81000\n430103,2025,510000,\n",
            "a,b\n\"unterminated\n", "a,b\n1,2,3\n", "a,a\n1,2\n", "\n\n", "a\n\r\n",
    ]:
        write("csv_import", text.encode())

    envelope = ('event_id: "0190f0f0-0000-7000-8000-000000000001" event_type: "{type}" '
                'producer: "registration" region_code: "430102" aggregate_type: "volunteer" '
                'aggregate_id: "v1" aggregate_version: 3 payload {{ type_url: '
                '"type.googleapis.com/{type}" value: "{value}" }}')

    def escaped(data):
        return "".join("\\%03o" % b for b in data)

    registered = subprocess.run(
        ["protoc", "--proto_path=" + PROTO,
         "--encode=jindu.registration.events.v1.VolunteerRegistered",
         "jindu/registration/events/v1/volunteer_events.proto"],
        input=('volunteer: "volunteers/v1" residence_region_code: "430102" registered_date ' +
               DATE).encode(), capture_output=True, check=True).stdout
    for event_type, value in [
            ("jindu.registration.events.v1.VolunteerRegistered", registered),
            ("jindu.registration.events.v1.VolunteerApproved", b"\x0a\x0dvolunteers/v1"),
            ("jindu.registration.events.v1.VolunteerRegistered", b"\x0a\x03bad"),
            ("jindu.registration.events.v1.NoSuchEvent", b""),
            ("jindu.publicity.events.v1.ParticipationBatchAccepted", b"\xff\xff"),
    ]:
        write("event_decoding",
              encode("jindu.events.v1.EventEnvelope",
                     envelope.format(type=event_type, value=escaped(value))))
    write("event_decoding", b"not protobuf")
    write("event_decoding", b"")

    reg = "jindu.registration.v1."
    requests("registration_requests", [
        (0, reg + "CreateOrganizationRequest",
         'organization { display_name: "长沙市禁毒协会" kind: 1 region_code: "430100" '
         'founding_date ' + DATE + ' } request_id: "0190f0f0-0000-7000-8000-000000000002"'),
        (1, reg + "UpdateOrganizationRequest",
         'organization { name: "organizations/o1" display_name: "新名" parent: "organizations/o2" '
         '} update_mask { paths: "display_name" paths: "parent" paths: "state" }'),
        (2, reg + "CreateVolunteerRequest",
         'volunteer { display_name: "欧阳认证" national_id_number: "430102198503151009" '
         'phone: "+8613987659999" residence_region_code: "430102" roles: 1 skills: "宣讲" }'),
        (3, reg + "UpdateVolunteerRequest",
         'volunteer { name: "volunteers/v1" phone: "13987659999" organizations: '
         '"organizations/o1" } update_mask { paths: "phone" paths: "organizations" }'),
        (4, reg + "ImportRegionsRequest",
         'csv: "code,name,level,parent,valid_from,valid_to\\n430102,芙蓉区,county,430100,'
         '2000-01-01,\\n"'),
        (5, reg + "ImportRegionDenominatorsRequest",
         'csv: "code,year,population,students_enrolled\\n430102,2025,620000,81000\\n"'),
    ])

    cw = "jindu.casework.v1."
    person = ('{ full_name: "张三" national_id_number: "430102198503151009" '
              'phone: "13987659999" address: "芙蓉路1号" }')
    requests("casework_requests", [
        (0, cw + "CreateCaseRequest",
         'case { personal_details ' + person + ' residence_region_code: "430102" '
         'assistance_category: 1 } measure { type: 1 decision_number: "长公(禁)决字[2026]1号" '
         'issuing_authority: "长沙市公安局" decision_date ' + DATE + ' start_date ' + DATE + ' }'),
        (1, cw + "IngestMeasureDecisionsRequest",
         'decisions { decision_number: "D-1" issuing_authority: "长沙市公安局" measure_type: 2 '
         'decision_date ' + DATE + ' start_date ' + DATE + ' person ' + person +
         ' residence_region_code: "430102" } decisions { }'),
        (2, cw + "CreateContactRequest",
         'parent: "cases/c1" contact { kind: 1 contact_time { seconds: 1770000000 } reached: true '
         'participant_volunteers: "volunteers/v1" relief_money { currency_code: "CNY" minor_units: 20000 '
         '} relief_items: 2 relief_items_description: "米" }'),
        (3, cw + "UpdateContactRequest",
         'contact { name: "cases/c1/contacts/k1" notes: "n" } update_mask { paths: "notes" '
         'paths: "reached" }'),
        (4, cw + "CreateHelpRecordRequest",
         'parent: "cases/c1" help_record { kind: 1 help_date ' + DATE + ' amount { '
         'currency_code: "CNY" minor_units: 50000 } provider: "民政局" outcome: 1 }'),
        (5, cw + "UpdateHelpRecordRequest",
         'help_record { name: "cases/c1/helpRecords/h1" provider: "x" } update_mask { paths: '
         '"provider" }'),
        (6, cw + "RecordUrineTestRequest",
         'parent: "cases/c1" scheduled_test: "cases/c1/urineTests/u1"'),
        (7, cw + "CreateTipRequest",
         'tip { kind: 1 region_code: "430102001" observed_date ' + DATE +
         ' description: "可疑种植" plant_count: 30 source_volunteer: "volunteers/v1" }'),
        (8, cw + "ListTipsRequest", 'page_size: 10'),
        (9, cw + "RecordTipOutcomeRequest",
         'name: "tips/t1" outcome { suspects_identified: 2 seizures { substance: "冰毒" '
         'milligrams: 20235000 } plants_eradicated: 30 }'),
    ])

    pub = "jindu.publicity.v1."
    requests("publicity_requests", [
        (0, pub + "CreateActivityRequest",
         'activity { title: "禁毒宣传进校园" region_code: "430102" }'),
        (1, pub + "UpdateActivityRequest",
         'activity { name: "activities/a1" title: "新标题" } update_mask { paths: "title" }'),
        (2, pub + "ListActivitiesRequest", 'page_size: 5'),
        (3, pub + "CreateNewsReportRequest",
         'news_report { organization: "organizations/o1" activity: "activities/a1" '
         'featured_lecturers: "volunteers/v1" }'),
        (4, pub + "UpdateNewsReportRequest",
         'news_report { name: "newsReports/n1" } update_mask { paths: "featured_lecturers" }'),
        (5, pub + "CreateCampaignRequest",
         'campaign { region_codes: "430102" region_codes: "430103" }'),
        (6, pub + "UpdateCampaignRequest",
         'campaign { name: "campaigns/c1" region_codes: "430102" } update_mask { paths: '
         '"region_codes" }'),
    ])

    rep = "jindu.reporting.v1."
    requests("reporting_requests", [
        (0, rep + "CreateAssessmentRubricRequest",
         'assessment_rubric { display_name: "2026年度考评" }'),
        (1, rep + "UpdateAssessmentRubricRequest",
         'assessment_rubric { name: "assessmentRubrics/r1" display_name: "x" } update_mask { '
         'paths: "display_name" }'),
        (2, rep + "ComputeRegionFiguresRequest",
         'region_code: "430102" period { month { year: 2026 month: 3 } }'),
        (3, rep + "ComputeIndicatorsRequest",
         'region_code: "430100" period { range { start_date ' + DATE + ' end_date { year: 2026 month: 12 '
         'day: 1 } } }'),
    ])
    for target in sorted(os.listdir(CORPUS)):
        print(f"{target}: {len(os.listdir(os.path.join(CORPUS, target)))} seeds")


if __name__ == "__main__":
    sys.exit(main())
