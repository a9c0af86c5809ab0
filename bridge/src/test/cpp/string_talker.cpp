// A roscpp publisher for the interop test (RoscppInteropTest): publishes std_msgs/String "roscpp N" on
// /hil/from_roscpp at 20 Hz until killed.
#include <cstdio>
#include <ros/ros.h>
#include <std_msgs/String.h>

int main(int argc, char** argv) {
  ros::init(argc, argv, "roscpp_talker");
  ros::NodeHandle nh;
  ros::Publisher pub = nh.advertise<std_msgs::String>("/hil/from_roscpp", 10);
  ros::Rate rate(20);
  for (int i = 1; ros::ok(); i++) {
    std_msgs::String m;
    m.data = "roscpp " + std::to_string(i);
    pub.publish(m);
    ros::spinOnce();
    rate.sleep();
  }
  return 0;
}
