"""What program staff see and do in the portal: accounts and sign-in, portal sessions,
the work queues, learner lookup, the overview and the dashboard's figures."""
