// A roscpp subscriber for the interop test (RoscppLargeMessageTest): prints one line per sensor_msgs/Image it
// receives (sequence, size, encoding and an FNV-1a 64-bit hash of the pixels), exits after argv[1] images.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ros/ros.h>
#include <sensor_msgs/Image.h>

static int wanted = 1;
static int received = 0;

static uint64_t fnv1a64(const std::vector<uint8_t>& data) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a offset basis (http://www.isthe.com/chongo/tech/comp/fnv/)
  for (uint8_t b : data) {
    h ^= b;
    h *= 0x100000001b3ULL;  // FNV 64-bit prime
  }
  return h;
}

static void onImage(const sensor_msgs::Image::ConstPtr& m) {
  std::printf("IMG seq=%u stamp=%u.%09u frame=%s %ux%u enc=%s big=%u step=%u bytes=%zu fnv=%016llx\n", m->header.seq, m->header.stamp.sec,
              m->header.stamp.nsec, m->header.frame_id.c_str(), m->width, m->height, m->encoding.c_str(), m->is_bigendian, m->step,
              m->data.size(), (unsigned long long) fnv1a64(m->data));
  std::fflush(stdout);
  if (++received >= wanted) ros::shutdown();
}

int main(int argc, char** argv) {
  ros::init(argc, argv, "roscpp_image_sub");
  wanted = argc > 1 ? std::atoi(argv[1]) : 1;
  ros::NodeHandle nh;
  ros::Subscriber sub = nh.subscribe("/hil/image", 10, onImage, ros::TransportHints().tcpNoDelay());
  std::printf("READY\n");
  std::fflush(stdout);
  ros::spin();
  return 0;
}
