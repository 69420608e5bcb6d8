#!/bin/sh
# Submits the nightly audit to AWS Batch: an array job of 4 (the shards), then a merge job that starts
# when every child has succeeded. Register batch-array-job.json once with
#   aws batch register-job-definition --cli-input-json file://batch-array-job.json
set -eu
queue=${QUEUE:-imdsguard}
scan=$(aws batch submit-job --job-name imdsguard-scan --job-queue "$queue" --job-definition imdsguard-scan \
  --array-properties size=4 --query jobId --output text)
aws batch submit-job --job-name imdsguard-merge --job-queue "$queue" --job-definition imdsguard-scan \
  --depends-on "jobId=$scan" \
  --container-overrides "command=/bin/sh,-c,aws s3 cp --recursive s3://$REPORT_BUCKET/$scan/ /tmp/in/ && imdsguard merge /tmp/in/shard-1.json /tmp/in/shard-2.json /tmp/in/shard-3.json /tmp/in/shard-4.json --format json --output /tmp/merged.json --fail-on high; code=\$?; aws s3 cp /tmp/merged.json s3://$REPORT_BUCKET/$scan/merged.json; exit \$code"
