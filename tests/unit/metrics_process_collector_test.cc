#include <fcntl.h>
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <unistd.h>

#include <ctime>
#include <future>
#include <map>
#include <thread>

#include "runtime/metrics/build_info.h"
#include "runtime/metrics/process_collector.h"

namespace jindu::runtime {
namespace {

std::map<std::string, double> CollectByName() {
  std::map<std::string, double> values;
  for (const prometheus::MetricFamily& family : ProcessCollector().Collect()) {
    EXPECT_EQ(family.metric.size(), 1u) << family.name;
    const prometheus::ClientMetric& metric = family.metric.at(0);
    values[family.name] =
        family.type == prometheus::MetricType::Counter ? metric.counter.value : metric.gauge.value;
  }
  return values;
}

TEST(ProcessCollectorTest, ReportsTheConventionalProcessMetrics) {
  std::map<std::string, double> values = CollectByName();
  EXPECT_GT(values.at("process_resident_memory_bytes"), 1024 * 1024);
  EXPECT_GE(values.at("process_virtual_memory_bytes"), values.at("process_resident_memory_bytes"));
  EXPECT_GE(values.at("process_cpu_seconds_total"), 0);
  EXPECT_GE(values.at("process_threads"), 1);
  EXPECT_GE(values.at("process_max_fds"), values.at("process_open_fds"));
  // Started within the last hour, not in the future.
  double now = static_cast<double>(std::time(nullptr));
  EXPECT_LE(values.at("process_start_time_seconds"), now + 1);
  EXPECT_GT(values.at("process_start_time_seconds"), now - 3600);
}

TEST(ProcessCollectorTest, FollowsOpenFilesAndThreads) {
  std::map<std::string, double> before = CollectByName();
  int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  std::map<std::string, double> opened = CollectByName();
  close(fd);
  EXPECT_EQ(opened.at("process_open_fds"), before.at("process_open_fds") + 1);

  double threads = opened.at("process_threads");
  std::promise<void> started;
  std::promise<void> release;
  std::thread extra([&] {
    started.set_value();
    release.get_future().wait();
  });
  started.get_future().wait();
  EXPECT_EQ(CollectByName().at("process_threads"), threads + 1);
  release.set_value();
  extra.join();
}

TEST(BuildInfoTest, ExposesServiceVersionAndExtraLabels) {
  prometheus::Registry registry;
  RegisterBuildInfo(registry, "casework", {{"grpc_version", "1.51.1"}});
  std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  std::string expected =
      std::string("jindu_build_info{grpc_version=\"1.51.1\",service=\"casework\",") + "version=\"" +
      JinduVersion() + "\"} 1";
  EXPECT_NE(text.find(expected), std::string::npos) << text;
  EXPECT_STRNE(JinduVersion(), "");
}

}  // namespace
}  // namespace jindu::runtime
