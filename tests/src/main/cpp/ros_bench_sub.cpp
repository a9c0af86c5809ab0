// roscpp subscriber for the `ros` benchmark (RosBenchmark): subscribes with tcp_nodelay to a sensor_msgs/Imu
// or sensor_msgs/Image topic whose header.stamp carries the publisher's CLOCK_MONOTONIC time at publish, and
// prints one line per message: "M <seq> <latency_ns>". Exits after <count> messages, or <idle_s> seconds after
// the last one (or after the first never comes).
//   ros_bench_sub imu|image TOPIC COUNT IDLE_S
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <ros/ros.h>
#include <sensor_msgs/Image.h>
#include <sensor_msgs/Imu.h>

static long wanted = 0;
static long received = 0;
static double lastMessage = 0;

static long long monotonicNs() {
  // steady_clock is CLOCK_MONOTONIC on Linux: the clock Java's System.nanoTime and Python's time.monotonic_ns read
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static void record(const std_msgs::Header& h) {
  long long now = monotonicNs();
  long long sent = (long long) h.stamp.sec * 1000000000LL + h.stamp.nsec;
  std::printf("M %u %lld\n", h.seq, now - sent);
  lastMessage = ros::WallTime::now().toSec();
  if (++received >= wanted) ros::shutdown();
}

static void onImu(const sensor_msgs::Imu::ConstPtr& m) { record(m->header); }
static void onImage(const sensor_msgs::Image::ConstPtr& m) { record(m->header); }

int main(int argc, char** argv) {
  ros::init(argc, argv, "bench_sub", ros::init_options::AnonymousName);
  if (argc < 5) {
    std::fprintf(stderr, "usage: ros_bench_sub imu|image TOPIC COUNT IDLE_S\n");
    return 2;
  }
  std::string kind = argv[1];
  wanted = std::atol(argv[3]);
  double idle = std::atof(argv[4]);
  ros::NodeHandle nh;
  ros::Subscriber sub = kind == "imu" ? nh.subscribe(argv[2], 1000, onImu, ros::TransportHints().tcpNoDelay())
                                      : nh.subscribe(argv[2], 30, onImage, ros::TransportHints().tcpNoDelay());
  std::printf("READY\n");
  std::fflush(stdout);
  double start = ros::WallTime::now().toSec();
  ros::AsyncSpinner spinner(1);
  spinner.start();
  while (ros::ok()) {
    double now = ros::WallTime::now().toSec();
    double since = lastMessage > 0 ? now - lastMessage : now - start;
    if (since > (lastMessage > 0 ? idle : idle * 10)) break;
    ros::WallDuration(0.05).sleep();
  }
  spinner.stop();
  std::printf("DONE %ld\n", received);
  std::fflush(stdout);
  return 0;
}
