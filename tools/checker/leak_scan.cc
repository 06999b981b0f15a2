#include "leak_scan.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>

#include "json_writer.h"
#include "topic_scan.h"

namespace jindu::check {
namespace {

class Searcher {
 public:
  Searcher(const LeakScanOptions& options, LeakScanResult& result)
      : options_(options), result_(result) {}

  // Records one hit per needle found in `haystack` at `place`.
  void Search(const std::string& source, const std::string& place, std::string_view haystack) {
    for (size_t i = 0; i < options_.needles.size(); ++i) {
      const size_t at = haystack.find(options_.needles[i]);
      if (at != std::string_view::npos) {
        result_.hits.push_back({source + ":" + place, i, Context(haystack, at, i)});
        ++result_.hits_by_source[source];
      }
    }
  }

 private:
  std::string Context(std::string_view haystack, size_t at, size_t needle) const {
    auto masked = [](std::string_view bytes) {
      std::string out;
      for (unsigned char c : bytes) {
        out += c >= '0' && c <= '9' ? '#' : (c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
      }
      return out;
    };
    const size_t begin = at >= 30 ? at - 30 : 0;
    const size_t end = std::min(haystack.size(), at + options_.needles[needle].size() + 30);
    return masked(haystack.substr(begin, at - begin)) + "\u00ab#" + std::to_string(needle) +
           "\u00bb" +
           masked(haystack.substr(at + options_.needles[needle].size(),
                                  end - at - options_.needles[needle].size()));
  }

  const LeakScanOptions& options_;
  LeakScanResult& result_;
};

void ScanKafka(const LeakScanOptions& options, Searcher& searcher, LeakScanResult& result) {
  ScanTopics(options.kafka_bootstrap, ListTopics(options.kafka_bootstrap),
             [&](const TopicMessage& message) {
               ++result.scanned["kafka_messages"];
               const std::string place = message.topic + "/" + std::to_string(message.partition) +
                                         "/" + std::to_string(message.offset);
               std::string all = message.key + "\n" + message.value;
               for (const auto& [name, value] : message.headers) all += "\n" + name + "=" + value;
               searcher.Search("kafka", place, all);
             });
}

void ScanLogs(const LeakScanOptions& options, Searcher& searcher, LeakScanResult& result) {
  for (const std::string& path : options.log_files) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read log " + path);
    std::stringstream content;
    content << file.rdbuf();
    result.scanned["log_bytes"] += static_cast<int64_t>(content.str().size());
    ++result.scanned["log_files"];
    searcher.Search("log", path, content.str());
  }
}

using Reply = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;

Reply Command(redisContext* redis, const std::vector<std::string>& words) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const std::string& word : words) {
    argv.push_back(word.data());
    lengths.push_back(word.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(redis, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (reply == nullptr) throw std::runtime_error(std::string("redis: ") + redis->errstr);
  return Reply(reply, &freeReplyObject);
}

// Every string inside a reply (nested arrays flattened).
void Strings(const redisReply* reply, std::string& out) {
  if (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS) {
    out.append(reply->str, reply->len);
    out += '\n';
  }
  if (reply->type == REDIS_REPLY_ARRAY) {
    for (size_t i = 0; i < reply->elements; ++i) Strings(reply->element[i], out);
  }
}

void ScanRedis(const LeakScanOptions& options, Searcher& searcher, LeakScanResult& result) {
  const size_t colon = options.redis_address.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--redis wants host:port");
  std::unique_ptr<redisContext, decltype(&redisFree)> redis(
      redisConnect(options.redis_address.substr(0, colon).c_str(),
                   std::stoi(options.redis_address.substr(colon + 1))),
      &redisFree);
  if (redis == nullptr || redis->err) {
    throw std::runtime_error("redis " + options.redis_address + ": " +
                             (redis ? redis->errstr : "out of memory"));
  }
  std::string cursor = "0";
  do {
    Reply page = Command(redis.get(), {"SCAN", cursor, "COUNT", "1000"});
    if (page->type != REDIS_REPLY_ARRAY || page->elements != 2) {
      throw std::runtime_error("redis SCAN answered unexpectedly");
    }
    cursor.assign(page->element[0]->str, page->element[0]->len);
    const redisReply* keys = page->element[1];
    for (size_t i = 0; i < keys->elements; ++i) {
      const std::string key(keys->element[i]->str, keys->element[i]->len);
      ++result.scanned["redis_keys"];
      Reply type = Command(redis.get(), {"TYPE", key});
      const std::string kind = type->type == REDIS_REPLY_STATUS ? type->str : "";
      std::vector<std::string> read;
      if (kind == "string") read = {"GET", key};
      if (kind == "hash") read = {"HGETALL", key};
      if (kind == "list") read = {"LRANGE", key, "0", "-1"};
      if (kind == "set") read = {"SMEMBERS", key};
      if (kind == "zset") read = {"ZRANGE", key, "0", "-1"};
      if (kind == "stream") read = {"XRANGE", key, "-", "+"};
      std::string all = key + "\n";
      if (!read.empty()) Strings(Command(redis.get(), read).get(), all);
      searcher.Search("redis", key, all);
    }
  } while (cursor != "0");
}

bool EndsWithAny(const std::string& name, const std::vector<std::string>& suffixes) {
  for (const std::string& suffix : suffixes) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

std::string FromHex(std::string_view hex) {
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
  }
  return bytes;
}

void ScanDatabases(const LeakScanOptions& options, Searcher& searcher, LeakScanResult& result) {
  for (const ServiceDatabase& database : options.databases) {
    pqxx::connection connection(database.url);
    pqxx::work tx(connection);
    const pqxx::result columns = tx.exec_params(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c JOIN "
        "information_schema.tables t USING (table_schema, table_name) WHERE c.table_schema = $1 "
        "AND t.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', "
        "'character', 'bytea', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED') ORDER BY 1, 2",
        database.schema);
    for (const auto& column : columns) {
      const std::string table = column[0].as<std::string>();
      const std::string name = column[1].as<std::string>();
      if (EndsWithAny(name, options.encrypted_column_suffixes)) {
        ++result.scanned["postgres_encrypted_columns_skipped"];
        continue;
      }
      const bool bytes = column[2].as<std::string>() == "bytea";
      const std::string value =
          bytes ? "encode(" + tx.quote_name(name) + ", 'hex')" : tx.quote_name(name) + "::text";
      ++result.scanned["postgres_columns"];
      const std::string place = database.schema + "." + table + "." + name;
      const pqxx::result rows =
          tx.exec("SELECT " + value + " FROM " + tx.quote_name(database.schema) + "." +
                  tx.quote_name(table) + " WHERE " + tx.quote_name(name) + " IS NOT NULL");
      for (const auto& row : rows) {
        ++result.scanned["postgres_values"];
        const std::string text = row[0].as<std::string>();
        searcher.Search("postgres", place, bytes ? FromHex(text) : text);
      }
    }
    tx.commit();
  }
}

}  // namespace

std::string LeakScanResult::Json() const {
  JsonObject scanned_json;
  for (const auto& [name, count] : scanned) scanned_json.Add(name, count);
  JsonObject sources;
  for (const auto& [name, count] : hits_by_source) sources.Add(name, count);
  std::string examples = "[";
  for (size_t i = 0; i < hits.size() && i < 20; ++i) {
    examples += (i > 0 ? "," : "") + JsonObject()
                                         .Add("place", hits[i].place)
                                         .Add("needle", static_cast<int64_t>(hits[i].needle))
                                         .Add("context", hits[i].context)
                                         .Close();
  }
  return JsonObject()
      .Raw("ok", hits.empty() ? "true" : "false")
      .Add("hits", static_cast<int64_t>(hits.size()))
      .Raw("hits_by_source", sources.Close())
      .Raw("scanned", scanned_json.Close())
      .Raw("examples", examples + "]")
      .Close();
}

LeakScanResult ScanForLeaks(const LeakScanOptions& options) {
  LeakScanResult result;
  Searcher searcher(options, result);
  result.scanned["needles"] = static_cast<int64_t>(options.needles.size());
  if (!options.kafka_bootstrap.empty()) ScanKafka(options, searcher, result);
  ScanLogs(options, searcher, result);
  if (!options.redis_address.empty()) ScanRedis(options, searcher, result);
  ScanDatabases(options, searcher, result);
  return result;
}

}  // namespace jindu::check
