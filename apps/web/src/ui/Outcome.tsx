import { Result, type ResultProps } from 'antd';

/** Ant Design's Result (with its illustrations), loaded apart: the console shows it only on a wrong path or a failure. */
export default function Outcome(props: ResultProps) {
  return <Result {...props} />;
}
