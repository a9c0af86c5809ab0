// roscpp publisher for the `ros` benchmark (RosBenchmark): waits for SUBS subscribers, then publishes COUNT
// sensor_msgs/Imu or 1920x1080 rgb8 sensor_msgs/Image messages at RATE_HZ, each stamped with CLOCK_MONOTONIC at
// publish time, and prints "CPU <process cpu ns> WALL <ns>" for the publishing window.
//   ros_bench_pub imu|image TOPIC COUNT RATE_HZ SUBS
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <ros/ros.h>
#include <sensor_msgs/Image.h>
#include <sensor_msgs/Imu.h>

static long long monotonicNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static long long cpuNs() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void stamp(std_msgs::Header& h, unsigned seq) {
  long long now = monotonicNs();
  h.seq = seq;
  h.stamp.sec = (uint32_t) (now / 1000000000LL);
  h.stamp.nsec = (uint32_t) (now % 1000000000LL);
}

int main(int argc, char** argv) {
  ros::init(argc, argv, "bench_pub_cpp", ros::init_options::AnonymousName);
  if (argc < 6) {
    std::fprintf(stderr, "usage: ros_bench_pub imu|image TOPIC COUNT RATE_HZ SUBS\n");
    return 2;
  }
  std::string kind = argv[1];
  long count = std::atol(argv[3]);
  double rate = std::atof(argv[4]);
  unsigned subs = (unsigned) std::atoi(argv[5]);
  ros::NodeHandle nh;
  ros::Publisher pub = kind == "imu" ? nh.advertise<sensor_msgs::Imu>(argv[2], 1000) : nh.advertise<sensor_msgs::Image>(argv[2], 30);
  ros::AsyncSpinner spinner(1);
  spinner.start();
  while (ros::ok() && pub.getNumSubscribers() < subs) ros::WallDuration(0.01).sleep();
  ros::WallDuration(0.5).sleep();
  sensor_msgs::Imu imu;
  imu.header.frame_id = "imu_link";
  imu.orientation.w = 1;
  sensor_msgs::Image img;
  img.header.frame_id = "camera_optical";
  img.width = 1920;
  img.height = 1080;
  img.encoding = "rgb8";
  img.step = 1920 * 3;
  img.data.assign((size_t) img.step * img.height, 0x5a);
  ros::WallRate r(rate);
  long long cpu0 = cpuNs(), wall0 = monotonicNs();
  for (long i = 1; i <= count && ros::ok(); i++) {
    if (kind == "imu") {
      stamp(imu.header, (unsigned) i);
      imu.angular_velocity.z = i;
      pub.publish(imu);
    } else {
      stamp(img.header, (unsigned) i);
      img.data[i % img.data.size()] = (uint8_t) i;
      pub.publish(img);
    }
    r.sleep();
  }
  long long cpu1 = cpuNs(), wall1 = monotonicNs();
  std::printf("CPU %lld WALL %lld\n", cpu1 - cpu0, wall1 - wall0);
  std::fflush(stdout);
  ros::WallDuration(1.0).sleep();  // let the last messages leave before the connections close
  return 0;
}
